'use client';
// The flow editor page's client root: loads the draft into the store, wires validation,
// autosave and shortcuts, and lays out toolbar, palette, canvas, inspector and problems.
// Publishing reuses the versions pages' dialog (app/components/versions/publish-dialog.tsx):
// pending changes are saved first, and each problem it lists selects its step on the canvas.
import '@xyflow/react/dist/style.css';
import './editor.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { validateFlow, type FlowDocument } from '@/schemas';
import type { ActionProblem } from '@/app/components/versions/post-action';
import { PublishDialog, type PublishPreparation } from '@/app/components/versions/publish-dialog';
import { isBlankDocument } from './core/document';
import { backupToOffer, clearBackups, readBackup, type DraftBackup } from './core/local-backup';
import { exportDocument, exportFileName } from './core/import-export';
import { layoutGraph } from './core/auto-layout';
import { documentToClipboard } from './core/clipboard';
import { boundingBox } from './core/placement';
import { buildTemplate, type TemplateId } from './core/templates';
import type { EditorLanguage } from './core/types';
import { Canvas } from './components/canvas';
import { ConflictDialog, HelpDialog, ImportDialog, RestoreBackupDialog, TemplatesDialog, type TemplateMode } from './components/dialogs';
import { Inspector } from './components/inspector';
import { Palette } from './components/palette';
import { ProblemsPanel } from './components/problems-panel';
import { Toolbar } from './components/toolbar';
import { blockingProblems, useAutosave } from './hooks/use-autosave';
import { useLiveStatus } from './hooks/use-live-status';
import { discardLocalBackup, useLocalBackup } from './hooks/use-local-backup';
import { useReferences } from './hooks/use-references';
import { useShortcuts, type EditorCommands } from './hooks/use-shortcuts';
import { referenceSets, useValidation } from './hooks/use-validation';
import { isDirty, useEditorStore, type LiveVersion, type ReferenceOptions } from './store';
import { StatsBar } from './call-stats/stats-bar';
import { useCallStatsStore } from './call-stats/store';
import { useFlowAnalytics } from './call-stats/use-flow-analytics';
import { useLiveNodeCounts } from './call-stats/use-live-node-counts';
import { useSidePanel } from './side-panel';
import { TestsButton } from './flow-tests/tests-button';
import { TestsPanel } from './flow-tests/tests-panel';
import { useFlowTestsWiring, useTestsSummary } from './flow-tests/use-flow-tests';
import { useEditorNodeName } from './flow-tests/use-node-name';
import { SimulatorPanel } from './simulator/simulator-panel';

export interface FlowEditorProps {
  flowId: string;
  document: FlowDocument;
  revision: number;
  /** When the server's draft was last written (ISO), to tell whether a local backup is newer. */
  updatedAt?: string;
  references: ReferenceOptions;
  language: EditorLanguage;
  editable: boolean;
  /** The live version (null: never published). */
  live?: LiveVersion | null;
  /**
   * Calls on the canvas (issue 15), for the roles that see the organisation's calls (admin,
   * supervisor): the live calls per node and the "Statistics" toggle. `versionId`: only that
   * version's calls (a version's page); `showStats`: the statistics shown from the start.
   */
  callStats?: { allowed: boolean; versionId?: string | null; showStats?: boolean };
  /** A published version shown read-only (its page), instead of the draft. */
  version?: { number: number; isLive: boolean };
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
    useCallStatsStore.getState().configure({ flowId: props.flowId, allowed: props.callStats?.allowed ?? false, versionId: props.callStats?.versionId, showStats: props.callStats?.showStats });
    if (props.editable) setBackup(findBackup(props));
    setReady(true);
  }, [props]);
  if (!ready) return <div className="flow-editor loading" />;
  return (
    <ReactFlowProvider>
      <EditorLayout blank={isBlankDocument(props.document)} backup={backup} onBackupHandled={() => setBackup(null)} version={props.version} />
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

function EditorLayout({ blank, backup, onBackupHandled, version }: { blank: boolean; backup: DraftBackup | null; onBackupHandled: () => void; version?: FlowEditorProps['version'] }) {
  const { fitView } = useReactFlow();
  const [helpOpen, setHelpOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [templatesOpen, setTemplatesOpen] = useState(blank && !backup && useEditorStore.getState().editable);
  const [publishOpen, setPublishOpen] = useState(false);
  const save = useAutosave();
  const liveStatus = useLiveStatus();
  const preparePublish = usePreparePublish(save);
  const sidePanel = useSidePanel((s) => s.panel);
  useLocalBackup();
  const refreshReferences = useReferences();
  useValidation();
  useFlowAnalytics();
  useLiveNodeCounts();
  useFlowTestsWiring();
  const testsSummary = useTestsSummary();
  const nodeName = useEditorNodeName();

  useEffect(() => {
    if (typeof performance !== 'undefined') performance.mark('relais-editor-ready');
  }, []);

  const fit = useCallback(() => void fitView({ padding: 0.2, duration: 250, maxZoom: 1.1 }), [fitView]);
  const layout = useCallback(async () => {
    const { sizedNodes, edges, applyPositions } = useEditorStore.getState();
    // With the sizes drawn on the canvas: estimated ones let tall steps overlap.
    applyPositions(await layoutGraph(sizedNodes(), edges));
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
    (id: TemplateId, mode: TemplateMode) => {
      const state = useEditorStore.getState();
      const language = state.meta.language ?? state.language;
      const template = buildTemplate(id, {
        name: state.meta.name,
        language,
        calendarId: state.references.calendars[0]?.id,
        groupIds: state.references.groups.map((g) => g.id),
      });
      if (mode === 'replace') replace(template);
      else {
        // Beside the current steps (to their right, in the nearest free space), fresh ids.
        const box = boundingBox(state.sizedNodes());
        state.paste(documentToClipboard(template), { x: box.x + box.width + 120, y: box.y });
        window.setTimeout(() => fit(), 80);
      }
      setTemplatesOpen(false);
    },
    [replace, fit],
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
      publish: () => {
        if (useEditorStore.getState().editable) setPublishOpen(true);
      },
      closeDialogs: () => {
        const wasOpen = helpOpen || importOpen || templatesOpen || publishOpen;
        setHelpOpen(false);
        setImportOpen(false);
        setTemplatesOpen(false);
        setPublishOpen(false);
        return wasOpen;
      },
      simulate: version ? undefined : () => useSidePanel.getState().toggle('simulator'),
    }),
    [save, layout, helpOpen, importOpen, templatesOpen, publishOpen, version],
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
        onPublish={commands.publish}
        live={liveStatus}
        version={version}
        extra={version ? undefined : <TestsButton />}
      />
      <div className="editor-body">
        <Palette />
        <div className="canvas-column">
          <StatsBar />
          <Canvas />
          <ProblemsPanel />
        </div>
        {sidePanel === 'simulator' && !version ? (
          <SimulatorPanel onClose={() => useSidePanel.getState().show('inspector')} />
        ) : sidePanel === 'tests' && !version ? (
          <TestsPanel onClose={() => useSidePanel.getState().show('inspector')} />
        ) : (
          <Inspector onRefreshReferences={() => void refreshReferences()} />
        )}
      </div>
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} onImport={replace} />
      <TemplatesDialog open={templatesOpen} onClose={() => setTemplatesOpen(false)} onPick={pickTemplate} />
      <PublishDialog
        open={publishOpen}
        onClose={() => setPublishOpen(false)}
        flowId={useEditorStore.getState().flowId}
        nextNumber={(liveStatus.number ?? 0) + 1}
        prepare={preparePublish}
        confirmInDialog
        tests={testsSummary}
        nodeName={nodeName}
        onSelectProblem={(problem) => {
          const nodeId = problemNode(problem);
          if (!nodeId) return;
          setPublishOpen(false);
          useEditorStore.getState().requestFocus(nodeId);
        }}
        onPublished={(version) => {
          const document = (version.document ?? useEditorStore.getState().document()) as FlowDocument;
          useEditorStore.getState().setLive({ number: version.number, document });
        }}
      />
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

/** The step a publish problem is about: its node, or the source of its edge. */
function problemNode(problem: ActionProblem): string | undefined {
  if (problem.nodeId) return problem.nodeId;
  return problem.edgeId ? useEditorStore.getState().edges.find((e) => e.id === problem.edgeId)?.source : undefined;
}

/** Resolves once no save is in flight (true), or after `timeoutMs` (false). */
function saveSettled(timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (useEditorStore.getState().save.status !== 'saving') return resolve(true);
    const timer = window.setTimeout(() => {
      unsubscribe();
      resolve(false);
    }, timeoutMs);
    const unsubscribe = useEditorStore.subscribe((state) => {
      if (state.save.status === 'saving') return;
      window.clearTimeout(timer);
      unsubscribe();
      resolve(true);
    });
  });
}

/**
 * Before publishing: waits for a save in flight, saves pending changes, and refuses clearly
 * when the draft cannot be saved (errors, conflict, server unreachable) — the editor keeps
 * every change either way. On success, the saved revision is the one to publish.
 */
function usePreparePublish(save: (options?: { overwrite?: boolean }) => Promise<void>) {
  const t = useTranslations('editor.publish');
  return useCallback(async (): Promise<PublishPreparation> => {
    const store = useEditorStore.getState;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!(await saveSettled(20_000))) return { ok: false, message: t('saveBusy') };
      const { save: state } = store();
      if (state.status === 'conflict') break;
      if (!isDirty(store()) && state.status !== 'error') break;
      await save();
    }
    const state = store();
    switch (state.save.status) {
      case 'conflict':
        return { ok: false, message: t('saveConflict') };
      case 'invalid': {
        const problems = state.save.serverProblems ?? blockingProblems(validateFlow(state.document(), { references: referenceSets(state.references) }).problems);
        return { ok: false, message: t('saveInvalid'), problems: problems.filter((p) => p.severity !== 'warning') };
      }
      case 'error':
        return { ok: false, message: t('saveFailed') };
      case 'saving':
        return { ok: false, message: t('saveBusy') };
    }
    if (isDirty(state)) return { ok: false, message: t('saveBusy') };
    return { ok: true, revision: state.save.revision };
  }, [save, t]);
}
