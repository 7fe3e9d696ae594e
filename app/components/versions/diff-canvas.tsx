'use client';
// The diff on a read-only canvas: the newer document's steps, plus the removed steps ghosted
// at their old position. Added steps and connections are green, removed ones red (dashed),
// changed steps amber with the list of what changed.
import { Handle, Position, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { FieldChange, FlowDiff } from '@/app/lib/versions/diff-flows';
import { Changes, outputName, useStepTypeName } from './diff-list';
import styles from './versions.module.css';
import { ReadOnlyCanvas } from './read-only-canvas';

type Status = 'added' | 'removed' | 'changed' | 'unchanged';
type DiffNodeData = { label: string; type: string; status: Status; changes: FieldChange[] };
type DiffFlowNode = Node<DiffNodeData, 'diff'>;

interface DocumentLike {
  nodes: { id: string; type: string; label?: string; position: { x: number; y: number } }[];
  edges: { id: string; source: string; sourceOutput: string; target: string }[];
}

const COLORS: Record<Status, string> = { added: '#15803d', removed: '#b91c1c', changed: '#b45309', unchanged: '#94a3b8' };

function DiffNodeView({ data }: NodeProps<DiffFlowNode>) {
  const typeName = useStepTypeName();
  return (
    <div className={`${styles.node} ${styles[`node-${data.status}`]}`} data-status={data.status} data-testid="diff-node">
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className={styles.nodeType}>{typeName(data.type)}</div>
      <div className={styles.nodeLabel}>{data.label}</div>
      {data.status === 'changed' && <Changes changes={data.changes} />}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

// Declared once at module scope so React Flow does not remount nodes on every render.
const nodeTypes = { diff: DiffNodeView };

export function DiffCanvas({ from, to, diff }: { from: DocumentLike; to: DocumentLike; diff: FlowDiff }) {
  const t = useTranslations('versions');
  const language = useLocale() === 'en' ? 'en' : 'fr';
  const { nodes, edges } = useMemo(() => mergeForCanvas(from, to, diff, language), [from, to, diff, language]);
  return (
    <section aria-label={t('canvasLabel')} className={styles.canvasWrap}>
      <ul className={styles.legend}>
        <li className={styles.added}>{t('legendAdded')}</li>
        <li className={styles.removed}>{t('legendRemoved')}</li>
        <li className={styles.changed}>{t('legendChanged')}</li>
      </ul>
      <ReadOnlyCanvas nodes={nodes} edges={edges} nodeTypes={nodeTypes} testId="diff-canvas" />
    </section>
  );
}

function mergeForCanvas(from: DocumentLike, to: DocumentLike, diff: FlowDiff, language: 'fr' | 'en'): { nodes: DiffFlowNode[]; edges: Edge[] } {
  const name = (source: string, output: string) => outputName([to, from], source, output, language);
  const added = new Set(diff.nodes.added.map((n) => n.id));
  const changed = new Map(diff.nodes.changed.map((n) => [n.id, n.changes]));
  const removed = new Set(diff.nodes.removed.map((n) => n.id));
  const nodes: DiffFlowNode[] = [
    ...to.nodes.map((n) => ({
      id: n.id,
      type: 'diff' as const,
      position: n.position,
      data: { label: n.label ?? n.id, type: n.type, status: (added.has(n.id) ? 'added' : changed.has(n.id) ? 'changed' : 'unchanged') as Status, changes: changed.get(n.id) ?? [] },
    })),
    ...from.nodes
      .filter((n) => removed.has(n.id))
      .map((n) => ({
        id: `removed:${n.id}`,
        type: 'diff' as const,
        position: n.position,
        data: { label: n.label ?? n.id, type: n.type, status: 'removed' as Status, changes: [] },
      })),
  ];
  const addedEdges = new Set(diff.edges.added.map((e) => e.id));
  const present = new Set(to.nodes.map((n) => n.id));
  const endpoint = (id: string) => (present.has(id) ? id : `removed:${id}`);
  const edges: Edge[] = [
    ...to.edges.map((e) => edge(e.id, e.source, e.target, name(e.source, e.sourceOutput), addedEdges.has(e.id) ? 'added' : 'unchanged')),
    ...diff.edges.removed.map((e) => edge(`removed:${e.id}`, endpoint(e.source), endpoint(e.target), name(e.source, e.sourceOutput), 'removed')),
  ];
  return { nodes, edges };
}

function edge(id: string, source: string, target: string, output: string, status: Status): Edge {
  return {
    id,
    source,
    target,
    label: output,
    data: { status },
    style: { stroke: COLORS[status], strokeWidth: status === 'unchanged' ? 1.5 : 2.5, strokeDasharray: status === 'removed' ? '6 4' : undefined },
    labelStyle: { fill: COLORS[status] },
    className: `diff-edge-${status}`,
  };
}
