'use client';
// The editor's dialogs: keyboard help, JSON import (validated, applied only on confirm),
// draft conflict (reload or overwrite, never silent), templates for an empty flow, and the
// offer to restore unsaved changes kept in the browser.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { FlowDocument } from '@/schemas';
import { Dialog } from '@/app/components/dialog';
import { isBlankDocument } from '../core/document';
import { importDocument, type ImportResult } from '../core/import-export';
import type { DraftBackup } from '../core/local-backup';
import { TEMPLATE_IDS, type TemplateId } from '../core/templates';
import { SHORTCUTS } from '../hooks/use-shortcuts';
import { referenceSets } from '../hooks/use-validation';
import { useEditorStore } from '../store';
import { useProblemMessage } from '@/app/components/use-problem-message';

export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('editor.help');
  return (
    <Dialog open={open} title={t('title')} onClose={onClose} footer={<button type="button" className="button" onClick={onClose}>{t('close')}</button>}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s, i) => (
            <tr key={i}>
              <td>
                {s.keys.map((k, j) => (
                  <span key={j}>
                    {j > 0 && ' + '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(s.action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}

export function ImportDialog({ open, onClose, onImport }: { open: boolean; onClose: () => void; onImport: (document: FlowDocument) => void }) {
  const t = useTranslations('editor.import');
  const problemMessage = useProblemMessage();
  const [result, setResult] = useState<ImportResult | null>(null);
  const close = () => {
    setResult(null);
    onClose();
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return setResult(null);
    const text = await file.text();
    setResult(importDocument(text, referenceSets(useEditorStore.getState().references)));
  };
  return (
    <Dialog
      open={open}
      title={t('title')}
      onClose={close}
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            {t('cancel')}
          </button>
          <button type="button" className="button primary" disabled={!result?.ok || !result.document} onClick={() => (onImport(result!.document!), close())}>
            {t('confirm')}
          </button>
        </>
      }
    >
      <p>{t('intro')}</p>
      <div className="field">
        <label htmlFor="import-file">{t('file')}</label>
        <input id="import-file" type="file" accept="application/json,.json" onChange={(e) => void onFile(e.target.files?.[0])} />
      </div>
      {result && (
        <div className="import-result" data-testid="import-result">
          {result.problems.length === 0 ? (
            <p className="alert success">{t('noProblem')}</p>
          ) : (
            <>
              {!result.ok && <p className="alert error">{t('cannot')}</p>}
              <p>{t('problems', { count: result.problems.length })}</p>
              <ul className="import-problems">
                {result.problems.map((p, i) => (
                  <li key={i} className={`problem ${p.severity}`}>
                    <code>{p.path || '/'}</code> {problemMessage(p)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}

export function ConflictDialog({ onReload, onOverwrite }: { onReload: () => void; onOverwrite: () => void }) {
  const t = useTranslations('editor.conflict');
  const save = useEditorStore((s) => s.save);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const open = save.status === 'conflict' && dismissed !== save.currentRevision;
  return (
    <Dialog
      open={open}
      role="alertdialog"
      title={t('title')}
      onClose={() => setDismissed(save.currentRevision ?? -1)}
      footer={
        <>
          <button type="button" className="button" onClick={() => setDismissed(save.currentRevision ?? -1)}>
            {t('cancel')}
          </button>
          <button type="button" className="button" onClick={onReload}>
            {t('reload')}
          </button>
          <button type="button" className="button danger" onClick={onOverwrite}>
            {t('overwrite')}
          </button>
        </>
      }
    >
      <p>{t('body', { current: save.currentRevision ?? '?', mine: save.revision })}</p>
    </Dialog>
  );
}

export type TemplateMode = 'add' | 'replace';

/**
 * On a flow that already has steps, says so and asks whether the template goes beside them
 * (the default) or replaces them: a template never silently discards the user's work.
 */
export function TemplatesDialog({ open, onClose, onPick }: { open: boolean; onClose: () => void; onPick: (id: TemplateId, mode: TemplateMode) => void }) {
  const t = useTranslations('editor.templates');
  // Steps the user would lose: none on a new flow (no step, or the lone blank hang-up it starts with).
  const stepCount = useEditorStore((s) => (isBlankDocument({ nodes: s.nodes.map((n) => ({ type: n.type, config: n.data.config })), edges: s.edges } as unknown as FlowDocument) ? 0 : s.nodes.length));
  const [mode, setMode] = useState<TemplateMode>('add');
  return (
    <Dialog open={open} title={t('title')} onClose={onClose} footer={<button type="button" className="button" onClick={onClose}>{t('dismiss')}</button>}>
      {stepCount === 0 ? (
        <p>{t('intro')}</p>
      ) : (
        <>
          <p className="alert warning" data-testid="templates-not-empty">
            {t('notEmpty', { count: stepCount })}
          </p>
          <fieldset className="template-mode">
            <legend>{t('mode')}</legend>
            {(['add', 'replace'] as const).map((m) => (
              <label key={m}>
                <input type="radio" name="template-mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {m === 'add' ? t('modeAdd') : t('modeReplace')}
              </label>
            ))}
          </fieldset>
        </>
      )}
      <ul className="template-list">
        {TEMPLATE_IDS.map((id) => (
          <li key={id}>
            <button type="button" className="template-card" onClick={() => onPick(id, stepCount === 0 ? 'replace' : mode)}>
              <strong>{t(id)}</strong>
              <span>{t(`${id}Description`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

/** Escape / close keeps the copy for next time; only "Discard" forgets it. */
export function RestoreBackupDialog({ backup, onRestore, onDiscard, onClose }: { backup: DraftBackup | null; onRestore: (b: DraftBackup) => void; onDiscard: (b: DraftBackup) => void; onClose: () => void }) {
  const t = useTranslations('editor.backup');
  const language = useEditorStore((s) => s.language);
  if (!backup) return null;
  const when = new Date(backup.savedAt).toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const nodes = Array.isArray((backup.document as { nodes?: unknown[] }).nodes) ? (backup.document as { nodes: unknown[] }).nodes.length : 0;
  return (
    <Dialog
      open
      role="alertdialog"
      title={t('title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={() => onDiscard(backup)}>
            {t('discard')}
          </button>
          <button type="button" className="button primary" onClick={() => onRestore(backup)}>
            {t('restore')}
          </button>
        </>
      }
    >
      <p>{t('body', { when, nodes })}</p>
    </Dialog>
  );
}
