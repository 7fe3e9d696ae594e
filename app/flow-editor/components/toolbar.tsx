'use client';
// The editor's top bar: back link, flow name, undo/redo, layout, fit, import/export, help
// (icons with their names below 1440 px wide, so that the bar holds on one line on a 1280 px
// laptop: ToolButton),
// (undo, redo, fit and help show as icons below 1440 px wide, named by aria-label and title, so
// the bar holds on one line on a 1280 px laptop),
// the save state (saved / saving / unsaved / error with retry / invalid / conflict), the live
// version ("Live: v2", "Unpublished changes") and Publish (for the roles that may publish).
import Link from 'next/link';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { useEditorStore } from '../store';
import { useSidePanel } from '../side-panel';

export interface ToolbarProps {
  onSave: () => void;
  onLayout: () => void;
  onFitView: () => void;
  onExport: () => void;
  onImport: () => void;
  onTemplates: () => void;
  onHelp: () => void;
  onPublish: () => void;
  live: { number: number | null; differs: boolean };
  /** A published version shown read-only (its page): named instead of the draft's live state. */
  version?: { number: number; isLive: boolean };
  /** Buttons of the editor's side features (issue 17: Tests (n)), composed by the root. */
  extra?: ReactNode;
}

export function Toolbar(props: ToolbarProps) {
  const t = useTranslations('editor');
  const tVersion = useTranslations('flowAnalytics');
  const name = useEditorStore((s) => s.meta.name);
  const flowId = useEditorStore((s) => s.flowId);
  const editable = useEditorStore((s) => s.editable);
  const canUndo = useEditorStore((s) => s.history.past.length > 0);
  const canRedo = useEditorStore((s) => s.history.future.length > 0);
  const { undo, redo } = useEditorStore.getState();
  const simulating = useSidePanel((s) => s.panel === 'simulator');
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <Link href={props.version ? `/flows/${flowId}/versions` : `/flows/${flowId}`} className="button link">
        ← {t('back')}
      </Link>
      <h1 className="editor-title">{name}</h1>
      {!editable && !props.version && <span className="tag">{t('readOnly')}</span>}
      {props.version && <span className="tag">{tVersion('versionReadOnly', { number: props.version.number })}</span>}
      <div className="toolbar-group">
        <ToolButton icon="↶" label={t('toolbar.undo')} shortcut="Ctrl+Z" onClick={undo} disabled={!canUndo} />
        <ToolButton icon="↷" label={t('toolbar.redo')} shortcut="Ctrl+Shift+Z" onClick={redo} disabled={!canRedo} />
        <ToolButton icon="⊞" label={t('toolbar.layout')} shortcut="Ctrl+L" onClick={props.onLayout} disabled={!editable} />
        <ToolButton icon="⤢" label={t('toolbar.fitView')} shortcut="Shift+1" onClick={props.onFitView} />
      </div>
      <div className="toolbar-group">
        <ToolButton icon="❏" label={t('toolbar.templates')} onClick={props.onTemplates} disabled={!editable} />
        <ToolButton icon="⤓" label={t('toolbar.import')} onClick={props.onImport} disabled={!editable} />
        <ToolButton icon="⤒" label={t('toolbar.export')} onClick={props.onExport} />
        <ToolButton icon="?" label={t('toolbar.help')} shortcut="?" onClick={props.onHelp} />
      </div>
      {!props.version && (
        <div className="toolbar-group">
          <button
            type="button"
            className="button small"
            onClick={() => useSidePanel.getState().toggle('simulator')}
            aria-pressed={simulating}
            title={t('simulator.tryTitle')}
            aria-keyshortcuts="Control+Shift+Enter T"
            data-testid="toolbar-try"
          >
            ▶ {t('simulator.try')}
          </button>
          {props.extra}
        </div>
      )}
      <div className="toolbar-end">
        {editable && <SaveIndicator onSave={props.onSave} />}
        {props.version ? (
          <div className="toolbar-group live-state" data-testid="version-state">
            <span className={`tag${props.version.isLive ? ' live' : ''}`}>{props.version.isLive ? t('toolbar.live', { number: props.version.number }) : `v${props.version.number}`}</span>
          </div>
        ) : (
          <div className="toolbar-group live-state" data-testid="live-state">
            <span className={`tag${props.live.number === null ? '' : ' live'}`}>
              {props.live.number === null ? t('toolbar.notLive') : t('toolbar.live', { number: props.live.number })}
            </span>
            {props.live.number !== null && props.live.differs && <span className="tag unpublished">{t('toolbar.unpublished')}</span>}
            {/* Like the flow and versions pages: only the roles that may publish are offered it. */}
            {editable && (
              <button type="button" className="button small primary" onClick={props.onPublish} title="Ctrl+Shift+P" aria-keyshortcuts="Control+Shift+P">
                {t('toolbar.publish')}
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * A tool of the bar: its icon and its name. Below 1440 px only the icon shows (editor.css); the
 * name stays the button's accessible name (aria-label) and its tooltip, with the shortcut.
 */
function ToolButton({ icon, label, shortcut, onClick, disabled }: { icon: string; label: string; shortcut?: string; onClick: () => void; disabled?: boolean }) {
  return (
    <button type="button" className="button small tool-button" onClick={onClick} disabled={disabled} title={shortcut ? `${label} (${shortcut})` : label} aria-label={label}>
      <span aria-hidden="true" className="toolbar-icon">
        {icon}
      </span>
      <span className="toolbar-label">{label}</span>
    </button>
  );
}

function SaveIndicator({ onSave }: { onSave: () => void }) {
  const t = useTranslations('editor.save');
  const save = useEditorStore((s) => s.save);
  const dirty = useEditorStore((s) => s.version !== s.save.savedVersion);
  // The same count as the problems panel (one validation, one index): not a copy taken when
  // the save was refused, which went stale as soon as an error was fixed.
  const errorCount = useEditorStore((s) => s.problemIndex.errorCount);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (save.status !== 'error' || !save.retryAt) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [save.status, save.retryAt]);

  const status = save.status === 'saved' && dirty ? 'unsaved' : save.status;
  let text: string;
  switch (status) {
    case 'saving':
      text = t('saving');
      break;
    case 'unsaved':
      text = t('unsaved');
      break;
    case 'error':
      text = save.retryAt && save.retryAt > now ? t('retryIn', { seconds: Math.ceil((save.retryAt - now) / 1000) }) : t('error');
      break;
    case 'invalid':
      text = t('invalid', { count: Math.max(1, errorCount) });
      break;
    case 'conflict':
      text = t('conflict');
      break;
    default:
      text = t('saved');
  }
  return (
    <div className={`save-state ${status}`} data-testid="save-state" data-status={status} data-error-count={status === 'invalid' ? Math.max(1, errorCount) : undefined}>
      <span role="status" aria-live="polite">
        {text}
      </span>
      {status === 'error' ? (
        <button type="button" className="button small" onClick={onSave}>
          {t('retry')}
        </button>
      ) : (
        <button type="button" className="button small primary" onClick={onSave} disabled={!dirty || status === 'saving'} title="Ctrl+S">
          {t('saveNow')}
        </button>
      )}
    </div>
  );
}
