'use client';
// A call's path on the read-only canvas of the flow version it ran, drawn like the versions
// page's diff canvas (same React Flow setup and node card styles, app/components/versions/):
// visited steps are highlighted with their order of visit and time, the outputs the call left
// by are thick animated edges labelled with their time; the rest is greyed.
import { Handle, MarkerType, Position, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import versionStyles from '@/app/components/versions/versions.module.css';
import { ReadOnlyCanvas } from '@/app/components/versions/read-only-canvas';
import styles from './call-path.module.css';

export interface PathCanvasData {
  nodes: { id: string; position: { x: number; y: number }; label: string; typeTitle: string; visits: { order: number; time: string }[] }[];
  edges: { id: string; source: string; target: string; label: string; taken: string[] }[];
}

type PathNodeData = { label: string; typeTitle: string; visits: { order: number; time: string }[] };
type PathFlowNode = Node<PathNodeData, 'path'>;

function PathNodeView({ data }: NodeProps<PathFlowNode>) {
  const visited = data.visits.length > 0;
  return (
    <div className={`${versionStyles.node} ${visited ? styles.visited : styles.notVisited}`} data-testid="path-node" data-visited={visited ? 'true' : 'false'}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className={versionStyles.nodeType}>{data.typeTitle}</div>
      <div className={versionStyles.nodeLabel}>{data.label}</div>
      {visited && (
        <ul className={styles.visits}>
          {data.visits.map((v) => (
            <li key={v.order}>
              <span className={styles.order}>{v.order}</span> {v.time}
            </li>
          ))}
        </ul>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

// Declared once at module scope so React Flow does not remount nodes on every render.
const nodeTypes = { path: PathNodeView };

const TAKEN = '#1d4ed8';
const OTHER = '#cbd5e1';

export function CallPathCanvas({ data }: { data: PathCanvasData }) {
  const t = useTranslations('callHistory.call');
  const { nodes, edges } = useMemo(() => toFlow(data), [data]);
  return (
    <section aria-label={t('canvasLabel')} className={versionStyles.canvasWrap}>
      <ul className={styles.legend}>
        <li className={styles.legendVisited}>{t('legendVisited')}</li>
        <li className={styles.legendTaken}>{t('legendTaken')}</li>
        <li className={styles.legendOther}>{t('legendOther')}</li>
      </ul>
      <ReadOnlyCanvas nodes={nodes} edges={edges} nodeTypes={nodeTypes} testId="call-path-canvas" />
    </section>
  );
}

function toFlow(data: PathCanvasData): { nodes: PathFlowNode[]; edges: Edge[] } {
  const nodes: PathFlowNode[] = data.nodes.map((n) => ({ id: n.id, type: 'path', position: n.position, data: { label: n.label, typeTitle: n.typeTitle, visits: n.visits } }));
  const edges: Edge[] = data.edges.map((e) => {
    const taken = e.taken.length > 0;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      label: taken ? `${e.label} · ${e.taken.join(', ')}` : e.label,
      animated: taken,
      zIndex: taken ? 1 : 0,
      className: taken ? 'path-edge-taken' : 'path-edge-other',
      data: { taken },
      style: { stroke: taken ? TAKEN : OTHER, strokeWidth: taken ? 3 : 1.5 },
      labelStyle: { fill: taken ? TAKEN : '#94a3b8', fontWeight: taken ? 600 : 400 },
      markerEnd: { type: MarkerType.ArrowClosed, color: taken ? TAKEN : OTHER },
    };
  });
  return { nodes, edges };
}
