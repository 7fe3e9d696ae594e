'use client';
// The editor's state (zustand): the graph React Flow draws, its undo history, validation
// problems and the save state. Every change that alters the document bumps `version`; the
// validation and autosave hooks watch it. Domain rules live in core/ (pure functions).
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { FlowDocument, Problem, ReferenceKind, StepType } from '@/schemas';
import type { FlowTestCase } from '@/flow-runtime/simulator/types';
import { pasteSelection, type ClipboardPayload } from './core/clipboard';
import { canConnect, connect, pruneEdges, type ConnectionRequest } from './core/connections';
import { createNode } from './core/create-node';
import { documentToGraph, graphToDocument } from './core/document';
import { emptyHistory, record, redo, snapshot, undo, type History } from './core/history';
import { boundingBox, findFreePosition } from './core/placement';
import { indexProblems } from './core/problems';
import type { EditorEdge, EditorGraph, EditorLanguage, EditorNode, FlowMeta, ProblemIndex } from './core/types';

export interface ReferenceOption {
  id: string;
  name: string;
}
export type ReferenceOptions = Record<ReferenceKind, ReferenceOption[]>;

/** The flow's live (newest published) version, to tell whether the draft differs from it. */
export interface LiveVersion {
  number: number;
  document: FlowDocument;
}

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'error' | 'invalid' | 'conflict';

export interface SaveState {
  status: SaveStatus;
  revision: number;
  /** `version` of the graph last saved (or loaded). */
  savedVersion: number;
  message?: string;
  /** Problems the server reported when it refused the draft (400). */
  serverProblems?: Problem[];
  currentRevision?: number;
  /** Consecutive failed attempts (network, 5xx) and when the next retry runs. */
  attempt: number;
  retryAt?: number;
}

interface EditorState {
  flowId: string;
  editable: boolean;
  language: EditorLanguage;
  meta: FlowMeta;
  nodes: EditorNode[];
  edges: EditorEdge[];
  history: History;
  /** Bumped by every change to the document. */
  version: number;
  references: ReferenceOptions;
  problems: Problem[];
  problemIndex: ProblemIndex;
  save: SaveState;
  /** Node the canvas should pan to (problems panel). */
  focusRequest: { nodeId: string; at: number } | null;
  /** The live version (null: never published); kept when `load` is not told. */
  live: LiveVersion | null;
  /**
   * The size React Flow measured for a node, set by the canvas. The store's nodes lose their
   * `measured` after undo, a template or a reload (snapshots keep only the document), while
   * the canvas still knows it: placement and layout ask here first.
   */
  measure: (id: string) => { width?: number; height?: number } | undefined;

  load(input: { flowId: string; document: FlowDocument; revision: number; references: ReferenceOptions; language: EditorLanguage; editable: boolean; live?: LiveVersion | null }): void;
  onNodesChange(changes: NodeChange[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  onConnect(request: ConnectionRequest): void;
  addNode(type: StepType, position: { x: number; y: number }): string;
  updateNode(id: string, patch: { label?: string; config?: Record<string, unknown> }, historyKey?: string): void;
  setEntry(id: string): void;
  selectOnly(id: string | null): void;
  deleteSelection(): void;
  duplicateSelection(): void;
  paste(payload: ClipboardPayload, at?: { x: number; y: number }): void;
  applyPositions(positions: Map<string, { x: number; y: number }>): void;
  replaceDocument(document: FlowDocument): void;
  undo(): void;
  redo(): void;
  setProblems(problems: Problem[]): void;
  setSave(patch: Partial<SaveState>): void;
  setReferences(references: ReferenceOptions): void;
  requestFocus(nodeId: string): void;
  setLive(live: LiveVersion | null): void;
  /** Saved test cases (issue 17): appended, renamed, removed as undoable document changes (then autosaved). */
  addTestCase(testCase: FlowTestCase): void;
  updateTestCase(id: string, patch: Partial<Omit<FlowTestCase, 'id'>>): void;
  removeTestCase(id: string): void;
  document(): FlowDocument;
  /** The nodes with the sizes the canvas measured (see `measure`). */
  sizedNodes(): EditorNode[];
}

const emptyIndex = indexProblems([]);
const emptyReferences = { sounds: [], groups: [], calendars: [], numbers: [], flows: [], agents: [], forbiddenLists: [] } satisfies ReferenceOptions;

export const useEditorStore = create<EditorState>()((set, get) => {
  const graph = (): EditorGraph => ({ meta: get().meta, nodes: get().nodes, edges: get().edges });
  /** Applies a change to the document: records the graph before it (for undo) and bumps version. */
  const change = (next: Partial<Pick<EditorState, 'meta' | 'nodes' | 'edges'>>, historyKey?: string) => {
    const state = get();
    if (!state.editable) return;
    set({
      ...next,
      history: record(state.history, snapshot(graph()), historyKey ? { key: historyKey } : {}),
      version: state.version + 1,
    });
  };
  const restore = (g: EditorGraph, history: History) => {
    const selected = new Set(get().nodes.filter((n) => n.selected).map((n) => n.id));
    set({
      meta: g.meta,
      nodes: g.nodes.map((n) => (selected.has(n.id) ? { ...n, selected: true } : n)),
      edges: g.edges,
      history,
      version: get().version + 1,
    });
  };

  return {
    flowId: '',
    editable: true,
    language: 'fr',
    meta: { schemaVersion: 1, name: '', entry: '' },
    nodes: [],
    edges: [],
    history: emptyHistory(),
    version: 0,
    references: emptyReferences,
    problems: [],
    problemIndex: emptyIndex,
    save: { status: 'saved', revision: 0, savedVersion: 0, attempt: 0 },
    focusRequest: null,
    live: null,
    measure: () => undefined,

    load({ flowId, document, revision, references, language, editable, live }) {
      const g = documentToGraph(document);
      set({
        flowId,
        editable,
        language,
        references,
        ...g,
        history: emptyHistory(),
        version: 0,
        problems: [],
        problemIndex: emptyIndex,
        save: { status: 'saved', revision, savedVersion: 0, attempt: 0 },
        focusRequest: null,
        live: live === undefined ? get().live : live,
      });
    },

    onNodesChange(changes) {
      const state = get();
      const editable = state.editable;
      const relevant = editable ? changes : changes.filter((c) => c.type === 'select' || c.type === 'dimensions');
      if (relevant.length === 0) return;
      const removes = relevant.some((c) => c.type === 'remove');
      const positionChanges = relevant.filter((c) => c.type === 'position');
      const dragStart = positionChanges.some((c) => c.type === 'position' && c.dragging) && !state.nodes.some((n) => n.dragging);
      const dragEnd = positionChanges.some((c) => c.type === 'position' && !c.dragging);
      const nodes = applyNodeChanges(relevant, state.nodes as never) as unknown as EditorNode[];
      if (removes) {
        const ids = new Set(nodes.map((n) => n.id));
        change({ nodes, edges: state.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) });
      } else if (dragStart) {
        // The snapshot before the drag is the undo step; the frames that follow are not.
        set({ nodes, history: record(state.history, snapshot(graph())) });
      } else if (dragEnd || (positionChanges.length > 0 && !positionChanges.some((c) => c.type === 'position' && c.dragging))) {
        set({ nodes, version: state.version + 1 });
      } else {
        set({ nodes });
      }
    },

    onEdgesChange(changes) {
      const state = get();
      const relevant = state.editable ? changes : changes.filter((c) => c.type === 'select');
      if (relevant.length === 0) return;
      const edges = applyEdgeChanges(relevant, state.edges as never) as unknown as EditorEdge[];
      if (relevant.some((c) => c.type === 'remove')) change({ edges });
      else set({ edges });
    },

    onConnect(request) {
      const state = get();
      if (!canConnect(state.nodes, request)) return;
      change({ edges: connect(state.edges, request as Required<ConnectionRequest>) });
    },

    addNode(type, position) {
      const state = get();
      // Never on top of another step: the free spot nearest to where it was asked for.
      const node = createNode(type, findFreePosition(position, state.sizedNodes()), new Set(state.nodes.map((n) => n.id)), state.meta.language ?? state.language);
      const nodes = [...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), { ...node, selected: true }];
      change({ nodes, ...(state.nodes.length === 0 || !state.nodes.some((n) => n.id === state.meta.entry) ? { meta: { ...state.meta, entry: node.id } } : {}) });
      return node.id;
    },

    updateNode(id, patch, historyKey) {
      const state = get();
      const nodes = state.nodes.map((n) =>
        n.id === id ? { ...n, data: { ...n.data, ...(patch.label !== undefined ? { label: patch.label } : {}), ...(patch.config ? { config: patch.config } : {}) } } : n,
      );
      change({ nodes, edges: patch.config ? pruneEdges(nodes, state.edges) : state.edges }, historyKey ?? `node:${id}`);
    },

    setEntry(id) {
      const state = get();
      if (state.meta.entry === id) return;
      change({ meta: { ...state.meta, entry: id } });
    },

    selectOnly(id) {
      set({
        nodes: get().nodes.map((n) => ((n.id === id) !== !!n.selected ? { ...n, selected: n.id === id } : n)),
        edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      });
    },

    deleteSelection() {
      const state = get();
      const removed = new Set(state.nodes.filter((n) => n.selected).map((n) => n.id));
      const edgesLeft = state.edges.filter((e) => !e.selected && !removed.has(e.source) && !removed.has(e.target));
      if (removed.size === 0 && edgesLeft.length === state.edges.length) return;
      change({ nodes: state.nodes.filter((n) => !removed.has(n.id)), edges: edgesLeft });
    },

    duplicateSelection() {
      const state = get();
      const selected = state.nodes.filter((n) => n.selected);
      if (selected.length === 0) return;
      const ids = new Set(selected.map((n) => n.id));
      const payload: ClipboardPayload = {
        kind: 'relais/flow-selection',
        version: 1,
        nodes: selected.map((n) => ({ id: n.id, type: n.type, position: n.position, label: n.data.label, config: n.data.config })),
        edges: state.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ source: e.source, sourceOutput: e.sourceHandle, target: e.target })),
      };
      get().paste(payload);
    },

    paste(payload, at) {
      const state = get();
      const placed = pasteSelection(payload, state.nodes, state.edges, at ? { at } : { offset: { x: 40, y: 40 } });
      if (placed.nodes.length === 0) return;
      // The pasted group, moved as one to the free space nearest to where it would land.
      const box = boundingBox(placed.nodes);
      const free = findFreePosition(box, state.sizedNodes(), box);
      const added = { ...placed, nodes: placed.nodes.map((n) => ({ ...n, position: { x: n.position.x + free.x - box.x, y: n.position.y + free.y - box.y } })) };
      change({
        nodes: [...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...added.nodes],
        edges: [...state.edges, ...added.edges],
      });
    },

    applyPositions(positions) {
      const state = get();
      change({ nodes: state.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)) });
    },

    replaceDocument(document) {
      const g = documentToGraph(document);
      change({ meta: g.meta, nodes: g.nodes, edges: g.edges });
    },

    undo() {
      const result = undo(get().history, snapshot(graph()));
      if (result && get().editable) restore(result.graph, result.history);
    },
    redo() {
      const result = redo(get().history, snapshot(graph()));
      if (result && get().editable) restore(result.graph, result.history);
    },

    setProblems(problems) {
      set({ problems, problemIndex: indexProblems(problems) });
    },
    setSave(patch) {
      set({ save: { ...get().save, ...patch } });
    },
    setReferences(references) {
      set({ references });
    },
    requestFocus(nodeId) {
      get().selectOnly(nodeId);
      set({ focusRequest: { nodeId, at: Date.now() } });
    },
    setLive(live) {
      set({ live });
    },
    addTestCase(testCase) {
      const { meta } = get();
      change({ meta: { ...meta, tests: [...(meta.tests ?? []), testCase] } });
    },
    updateTestCase(id, patch) {
      const { meta } = get();
      if (!meta.tests?.some((c) => c.id === id)) return;
      change({ meta: { ...meta, tests: meta.tests.map((c) => (c.id === id ? { ...c, ...patch } : c)) } }, `test:${id}`);
    },
    removeTestCase(id) {
      const { meta } = get();
      if (!meta.tests?.some((c) => c.id === id)) return;
      const tests = meta.tests.filter((c) => c.id !== id);
      const { tests: _drop, ...rest } = meta;
      change({ meta: tests.length > 0 ? { ...meta, tests } : rest });
    },
    document() {
      return graphToDocument(graph());
    },
    sizedNodes() {
      const { nodes, measure } = get();
      return nodes.map((n) => {
        const size = measure(n.id);
        return size?.width && size.height ? { ...n, measured: { width: size.width, height: size.height } } : n;
      });
    },
  };
});

/** True when the graph changed since it was last saved or loaded. */
export function isDirty(state: Pick<EditorState, 'version' | 'save'>): boolean {
  return state.version !== state.save.savedVersion;
}
