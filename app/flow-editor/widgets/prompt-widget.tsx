'use client';
// What the caller hears: an uploaded sound (picked from the organisation's, with a player,
// "Upload…" and "Record…" right here — see sound-capture.tsx) or text-to-speech per call language, with "listen"
// (the server's synthesis, GET /api/tts: the voice callers will hear, 8 kHz).
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { fieldDomId, useFieldProblem, useFormContext } from './field-context';
import { ReferenceSelect } from './reference-widget';
import { SoundCapture } from './sound-capture';
import { FieldShell, type FieldProps } from './schema-form';

type Prompt = { kind: 'sound'; soundId?: string } | { kind: 'tts'; text?: Partial<Record<'fr' | 'en', string>> };
const LANGUAGES = ['fr', 'en'] as const;

type ListenState = { status: 'idle' | 'loading' | 'playing' } | { status: 'error'; message: string };

/** "Listen": fetches the server's synthesis of the text and plays it in an <audio> element. */
export function ListenButton({ text, language }: { text: string; language: 'fr' | 'en' }) {
  const t = useTranslations('editor.inspector.prompt');
  const audio = useRef<HTMLAudioElement>(null);
  const objectUrl = useRef<string | null>(null);
  const [state, setState] = useState<ListenState>({ status: 'idle' });
  useEffect(
    () => () => {
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    },
    [],
  );
  // A changed text makes what was heard (or the error) stale.
  useEffect(() => {
    audio.current?.pause();
    setState({ status: 'idle' });
  }, [text, language]);

  const play = async () => {
    const element = audio.current;
    if (!element) return;
    if (state.status === 'playing') {
      element.pause();
      element.currentTime = 0;
      return setState({ status: 'idle' });
    }
    setState({ status: 'loading' });
    try {
      const response = await fetch(`/api/tts?${new URLSearchParams({ text, voice: language })}`, { credentials: 'same-origin' });
      if (response.status === 429) {
        const seconds = Number(response.headers.get('retry-after')) || 1;
        return setState({ status: 'error', message: t('listenRateLimited', { seconds }) });
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
        throw new Error(body.error?.message ?? `HTTP ${response.status}`);
      }
      const blob = await response.blob();
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
      objectUrl.current = URL.createObjectURL(blob);
      element.src = objectUrl.current;
      await element.play();
      setState({ status: 'playing' });
    } catch (err) {
      setState({ status: 'error', message: (err as Error).message || t('listenFailed') });
    }
  };

  return (
    <span className="listen" data-state={state.status}>
      <button
        type="button"
        className="button small"
        disabled={!text || state.status === 'loading'}
        aria-busy={state.status === 'loading' || undefined}
        onClick={() => void play()}
        title={t('listen')}
      >
        {state.status === 'loading' ? `… ${t('listenLoading')}` : state.status === 'playing' ? `■ ${t('stop')}` : `▶ ${t('listen')}`}
      </button>
      <audio ref={audio} data-testid="tts-audio" preload="none" onEnded={() => setState({ status: 'idle' })} onError={() => setState((s) => (s.status === 'playing' ? { status: 'error', message: t('listenFailed') } : s))} />
      {state.status === 'error' && (
        <span className="field-error" role="alert">
          {t('listenError', { message: state.message })}
        </span>
      )}
    </span>
  );
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
                <ListenButton text={text} language={language} />
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
          <SoundCapture id={fieldDomId(nodeId, [...path, 'soundId'])} onCreated={(soundId) => onChange({ kind: 'sound', soundId })} />
          <a href="/sounds" target="_blank" rel="noopener">
            {t('upload')}
          </a>
        </div>
      )}
    </FieldShell>
  );
}
