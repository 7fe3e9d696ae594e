'use client';
// What the caller hears: an uploaded sound (picked from the organisation's, with a player
// and a link to upload or record one) or text-to-speech per call language, with "listen"
// (the browser's speech synthesis, as a preview).
import { useTranslations } from 'next-intl';
import { fieldDomId, useFieldProblem, useFormContext } from './field-context';
import { ReferenceSelect } from './reference-widget';
import { FieldShell, type FieldProps } from './schema-form';

type Prompt = { kind: 'sound'; soundId?: string } | { kind: 'tts'; text?: Partial<Record<'fr' | 'en', string>> };
const LANGUAGES = ['fr', 'en'] as const;

function listen(text: string, language: 'fr' | 'en') {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return;
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = language === 'fr' ? 'fr-FR' : 'en-GB';
  window.speechSynthesis.speak(utterance);
}

export function PromptWidget({ field, value, path, onChange }: FieldProps) {
  const t = useTranslations('editor.inspector.prompt');
  const { nodeId, language: uiLanguage } = useFormContext();
  const prompt = (value ?? undefined) as Prompt | undefined;
  const kind = prompt?.kind ?? '';
  const kindId = fieldDomId(nodeId, [...path, 'kind']);
  const soundProblem = useFieldProblem([...path, 'soundId']);
  const setKind = (next: string) => {
    if (next === '') return onChange(undefined);
    if (next === 'sound') return onChange({ kind: 'sound' });
    onChange({ kind: 'tts', text: {} });
  };
  return (
    <FieldShell field={field} path={path} legend>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={kindId}>{t('kind')}</label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value)}>
            {!field.required && <option value="">{t('none')}</option>}
            {field.required && kind === '' && <option value="">—</option>}
            <option value="tts">{t('tts')}</option>
            <option value="sound">{t('sound')}</option>
          </select>
        </div>
      </div>
      {prompt?.kind === 'tts' &&
        [...LANGUAGES].sort((a) => (a === uiLanguage ? -1 : 1)).map((language) => {
          const id = fieldDomId(nodeId, [...path, 'text', language]);
          const text = prompt.text?.[language] ?? '';
          return (
            <div className="field" key={language}>
              <label htmlFor={id}>{t('text', { language: language.toUpperCase() })}</label>
              <span className="tts-row">
                <textarea
                  id={id}
                  rows={2}
                  value={text}
                  onChange={(e) => {
                    const nextText = { ...(prompt.text ?? {}) };
                    if (e.target.value === '') delete nextText[language];
                    else nextText[language] = e.target.value;
                    onChange({ kind: 'tts', text: nextText });
                  }}
                />
                <button type="button" className="button small" disabled={!text} onClick={() => listen(text, language)} title={t('listen')}>
                  ▶ {t('listen')}
                </button>
              </span>
            </div>
          );
        })}
      {prompt?.kind === 'sound' && (
        <div className="field">
          <label htmlFor={fieldDomId(nodeId, [...path, 'soundId'])}>{t('sound_pick')}</label>
          <ReferenceSelect
            id={fieldDomId(nodeId, [...path, 'soundId'])}
            kind="sounds"
            value={prompt.soundId}
            required
            invalid={soundProblem?.severity === 'error'}
            onChange={(soundId) => onChange(soundId ? { kind: 'sound', soundId } : { kind: 'sound' })}
          />
          {prompt.soundId && <audio controls preload="none" src={`/api/sounds/${encodeURIComponent(prompt.soundId)}/audio`} />}
          <a href="/sounds" target="_blank" rel="noopener">
            {t('upload')}
          </a>
        </div>
      )}
    </FieldShell>
  );
}
