'use client';
// The flow editor page's client root: loads the draft into the store, wires validation,
// autosave and shortcuts, and lays out toolbar, palette, canvas, inspector and problems.
import '@xyflow/react/dist/style.css';
import './editor.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { FlowDocument } from '@/schemas';
import { isBlankDocument } from './core/document';
import { backupToOffer, clearBackups, readBackup, type DraftBackup } from './core/local-backup';
import { exportDocument, exportFileName } from './core/import-export';
import { layoutGraph } from './core/auto-layout';
import { buildTemplate, type TemplateId } from './core/templates';
import type { EditorLanguage } from './core/types';
import { Canvas } from './components/canvas';
import { ConflictDialog, HelpDialog, ImportDialog, RestoreBackupDialog, TemplatesDialog } from './components/dialogs';
import { Inspector } from './components/inspector';
import { Palette } from './components/palette';
import { ProblemsPanel } from './components/problems-panel';
import { Toolbar } from './components/toolbar';
import { useAutosave } from './hooks/use-autosave';
import { discardLocalBackup, useLocalBackup } from './hooks/use-local-backup';
import { useReferences } from './hooks/use-references';
import { useShortcuts, type EditorCommands } from './hooks/use-shortcuts';
import { useValidation } from './hooks/use-validation';
import { useEditorStore, type ReferenceOptions } from './store';

export interface FlowEditorProps {
  flowId: string;
  document: FlowDocument;
  revision: number;
  /** When the server's draft was last written (ISO), to tell whether a local backup is newer. */
  updatedAt?: string;
  references: ReferenceOptions;
  language: EditorLanguage;
  editable: boolean;
}

export function FlowEditor(props: FlowEditorProps) {
  const loadedFor = useRef<string | null>(null);
  const [ready, setReady] = useState(false);
  const [backup, setBackup] = useState<DraftBackup | null>(null);
  useEffect(() => {
    const key = `${props.flowId}@${props.revision}`;
    if (loadedFor.current === key) {
      // Same draft, new UI language (language switch → server re-render): titles follow it.
      if (useEditorStore.getState().language !== props.language) useEditorStore.setState({ language: props.language });
      return;
    }
    loadedFor.current = key;
    useEditorStore.getState().load(props);
    if (props.editable) setBackup(findBackup(props));
    setReady(true);
  }, [props]);
  if (!ready) return <div className="flow-editor loading" />;
  return (
    <ReactFlowProvider>
      <EditorLayout blank={isBlankDocument(props.document)} backup={backup} onBackupHandled={() => setBackup(null)} />
    </ReactFlowProvider>
  );
}

/** A local copy of unsaved changes newer than the server's draft (a stale copy is dropped). */
function findBackup({ flowId, revision, updatedAt, document }: FlowEditorProps): DraftBackup | null {
  try {
    const found = readBackup(window.localStorage, flowId, revision);
    const offer = backupToOffer(found, { revision, updatedAt: updatedAt ? Date.parse(updatedAt) : null, document });
    if (found && !offer) clearBackups(window.localStorage, flowId);
    return offer;
  } catch {
    return null;
  }
}

function EditorLayout({ blank, backup, onBackupHandled }: { blank: boolean; backup: DraftBackup | null; onBackupHandled: () => void }) {
  const { fitView } = useReactFlow();
  const [helpOpen, setHelpOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [templatesOpen, setTemplatesOpen] = useState(blank && !backup && useEditorStore.getState().editable);
  const save = useAutosave();
  useLocalBackup();
  const refreshReferences = useReferences();
  useValidation();

  useEffect(() => {
    if (typeof performance !== 'undefined') performance.mark('relais-editor-ready');
  }, []);

  const fit = useCallback(() => void fitView({ padding: 0.2, duration: 250, maxZoom: 1.1 }), [fitView]);
  const layout = useCallback(async () => {
    const { nodes, edges, applyPositions } = useEditorStore.getState();
    applyPositions(await layoutGraph(nodes, edges));
    window.setTimeout(() => fit(), 50);
  }, [fit]);

  const exportJson = useCallback(() => {
    const state = useEditorStore.getState();
    const document = exportDocument(state.document());
    const blob = new Blob([JSON.stringify(document, null, 2) + '\n'], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = Object.assign(window.document.createElement('a'), { href: url, download: exportFileName(document.name) });
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, []);

  const replace = useCallback(
    (document: FlowDocument) => {
      useEditorStore.getState().replaceDocument(document);
      // After React Flow has measured the new nodes.
      window.setTimeout(() => fit(), 80);
    },
    [fit],
  );

  const pickTemplate = useCallback(
    (id: TemplateId) => {
      const state = useEditorStore.getState();
      const language = state.meta.language ?? state.language;
      replace(
        buildTemplate(id, {
          name: state.meta.name,
          language,
          calendarId: state.references.calendars[0]?.id,
          groupIds: state.references.groups.map((g) => g.id),
        }),
      );
      setTemplatesOpen(false);
    },
    [replace],
  );

  const reload = useCallback(async () => {
    const state = useEditorStore.getState();
    const response = await fetch(`/api/flows/${encodeURIComponent(state.flowId)}/draft`, { credentials: 'same-origin' });
    if (!response.ok) return;
    const draft = (await response.json()) as { document: FlowDocument; revision: number };
    state.load({ flowId: state.flowId, document: draft.document, revision: draft.revision, references: state.references, language: state.language, editable: state.editable });
  }, []);
  const overwrite = useCallback(() => {
    const state = useEditorStore.getState();
    state.setSave({ revision: state.save.currentRevision ?? state.save.revision, status: 'unsaved' });
    void save({ overwrite: true });
  }, [save]);

  const commands: EditorCommands = useMemo(
    () => ({
      save: () => void save(),
      layout: () => void layout(),
      toggleHelp: () => setHelpOpen((o) => !o),
      closeDialogs: () => {
        const wasOpen = helpOpen || importOpen || templatesOpen;
        setHelpOpen(false);
        setImportOpen(false);
        setTemplatesOpen(false);
        return wasOpen;
      },
    }),
    [save, layout, helpOpen, importOpen, templatesOpen],
  );
  useShortcuts(commands);

  return (
    <div className="flow-editor">
      <Toolbar
        onSave={commands.save}
        onLayout={commands.layout}
        onFitView={fit}
        onExport={exportJson}
        onImport={() => setImportOpen(true)}
        onTemplates={() => setTemplatesOpen(true)}
        onHelp={() => setHelpOpen(true)}
      />
      <div className="editor-body">
        <Palette />
        <div className="canvas-column">
          <Canvas />
          <ProblemsPanel />
        </div>
        <Inspector onRefreshReferences={() => void refreshReferences()} />
      </div>
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} onImport={replace} />
      <TemplatesDialog open={templatesOpen} onClose={() => setTemplatesOpen(false)} onPick={pickTemplate} />
      <ConflictDialog onReload={() => void reload()} onOverwrite={overwrite} />
      <RestoreBackupDialog
        backup={backup}
        onRestore={(b) => {
          replace(b.document as FlowDocument);
          onBackupHandled();
        }}
        onDiscard={(b) => {
          discardLocalBackup(b.flowId);
          onBackupHandled();
        }}
        onClose={onBackupHandled}
      />
    </div>
  );
}
