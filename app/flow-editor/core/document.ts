// Flow document ↔ canvas graph. The document is what the API stores; the graph is what React
// Flow draws. Only document fields cross over, so React Flow's runtime state (selection,
// measured sizes, dragging) never reaches a saved or exported document.
import { isStepType, type FlowDocument, type FlowNode } from '@/schemas';
import type { FlowTestCase } from '@/flow-runtime/simulator/types';
import type { EditorEdge, EditorGraph, EditorNode, FlowMeta } from './types';

export function documentToGraph(document: FlowDocument): EditorGraph {
  const { nodes, edges, ...rest } = document;
  const meta: FlowMeta = {
    schemaVersion: 1,
    name: rest.name,
    entry: rest.entry,
    ...(rest.description !== undefined ? { description: rest.description } : {}),
    ...(rest.language !== undefined ? { language: rest.language } : {}),
    ...(rest.settings !== undefined ? { settings: { ...rest.settings } } : {}),
    ...(documentTests(document) !== undefined ? { tests: structuredClone(documentTests(document)) } : {}),
  };
  return {
    meta,
    nodes: (nodes ?? []).filter((n) => isStepType(n.type)).map(toEditorNode),
    edges: (edges ?? []).map((e) => ({ id: e.id, source: e.source, sourceHandle: e.sourceOutput, target: e.target })),
  };
}

/** The document's saved test cases (issue 17), when it has some. */
export function documentTests(document: FlowDocument): FlowTestCase[] | undefined {
  const tests = (document as { tests?: unknown }).tests;
  return Array.isArray(tests) ? (tests as FlowTestCase[]) : undefined;
}

function toEditorNode(node: FlowNode): EditorNode {
  return {
    id: node.id,
    type: node.type,
    position: { x: node.position.x, y: node.position.y },
    data: {
      ...(node.label !== undefined ? { label: node.label } : {}),
      config: structuredClone((node.config ?? {}) as Record<string, unknown>),
    },
  };
}

/** The flow document of a graph: document fields only, positions rounded to whole pixels. */
export function graphToDocument(graph: EditorGraph): FlowDocument {
  const { meta } = graph;
  return {
    schemaVersion: 1,
    name: meta.name,
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    ...(meta.language !== undefined ? { language: meta.language } : {}),
    entry: meta.entry,
    ...(meta.settings !== undefined ? { settings: meta.settings } : {}),
    ...(meta.tests !== undefined ? { tests: meta.tests } : {}),
    nodes: graph.nodes.map(
      (n) =>
        ({
          id: n.id,
          type: n.type,
          position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
          ...(n.data.label !== undefined && n.data.label !== '' ? { label: n.data.label } : {}),
          config: n.data.config,
        }) as FlowNode,
    ),
    edges: graph.edges.map((e: EditorEdge) => ({ id: e.id, source: e.source, sourceOutput: e.sourceHandle, target: e.target })),
  } as FlowDocument;
}

/** True for a draft nobody has worked on yet: no node, or only the hang-up a new flow starts with. */
export function isBlankDocument(document: FlowDocument | null | undefined): boolean {
  if (!document || !Array.isArray(document.nodes) || document.nodes.length === 0) return true;
  const [only] = document.nodes;
  return document.nodes.length === 1 && only.type === 'hangup' && (document.edges ?? []).length === 0 && Object.keys(only.config ?? {}).length === 0;
}
