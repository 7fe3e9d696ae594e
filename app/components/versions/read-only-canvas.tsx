'use client';
// A flow drawn for reading only (the versions diff, a call's path): no dragging, connecting or
// selecting; fitted to its steps, with zoom controls. Each caller brings its nodes, edges and
// node views (nodeTypes declared at module scope, so React Flow does not remount nodes).
import '@xyflow/react/dist/style.css';
import { Background, Controls, ReactFlow, type Edge, type Node, type NodeTypes } from '@xyflow/react';
import styles from './versions.module.css';

export function ReadOnlyCanvas<N extends Node>({ nodes, edges, nodeTypes, testId }: { nodes: N[]; edges: Edge[]; nodeTypes: NodeTypes; testId: string }) {
  return (
    <div className={styles.canvas} data-testid={testId}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
