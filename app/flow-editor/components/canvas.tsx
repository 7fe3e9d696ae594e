'use client';
// The React Flow canvas: nodes from the store, drop target of the palette, minimap, zoom
// controls, snap to grid. nodeTypes is declared once at module scope: every step type maps to
// the one generic StepNode.
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type Edge,
  type IsValidConnection,
  type Node,
  type NodeTypes,
} from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { STEP_METADATA, STEP_TYPES, isStepType } from '@/schemas';
import { canConnect } from '../core/connections';
import { worstSeverity } from '../core/problems';
import { useEditorStore } from '../store';
import { edgeWidth, outputStats } from '../core/call-stats';
import { useCallStatsStore } from '../call-stats/store';
import { useCanvasOverlay } from '../overlay/store';
import { StepNode, type StepFlowNode } from './step-node';
import '../overlay/overlay.css';

import { PALETTE_DRAG_TYPE } from '../core/dnd';

export const nodeTypes: NodeTypes = Object.fromEntries(STEP_TYPES.map((type) => [type, StepNode]));

const CATEGORY_COLORS = { prompts: '#2f6fd0', routing: '#8a4fd6', logic: '#c77a12', actions: '#1f8a5b' } as const;
const minimapColor = (node: Node) => (isStepType(node.type) ? CATEGORY_COLORS[STEP_METADATA[node.type].category] : '#999');
const snapGrid: [number, number] = [20, 20];
const fitViewOptions = { padding: 0.2, maxZoom: 1.1 };

export function Canvas() {
  const t = useTranslations('editor');
  const nodes = useEditorStore((s) => s.nodes);
  const edges = useEditorStore((s) => s.edges);
  const byEdge = useEditorStore((s) => s.problemIndex.byEdge);
  const editable = useEditorStore((s) => s.editable);
  const onNodesChange = useEditorStore((s) => s.onNodesChange);
  const onEdgesChange = useEditorStore((s) => s.onEdgesChange);
  const onConnect = useEditorStore((s) => s.onConnect);
  const addNode = useEditorStore((s) => s.addNode);
  const focusRequest = useEditorStore((s) => s.focusRequest);
  const { screenToFlowPosition, fitView, getInternalNode } = useReactFlow();
  // Placement and layout use the sizes React Flow measured (see the store's `measure`).
  useEffect(() => {
    useEditorStore.setState({ measure: (id) => getInternalNode(id)?.measured });
    return () => useEditorStore.setState({ measure: () => undefined });
  }, [getInternalNode]);

  // With the statistics shown (issue 15): each edge says how many calls left by its output and
  // their share of the node's visits, and its width follows that share (the funnel).
  const stats = useCallStatsStore((s) => (s.showStats && s.status === 'ready' ? s.stats : null));
  const tStats = useTranslations('flowAnalytics');
  // Issue 17: the simulated call's outputs taken, and the test cases' covered / uncovered ones.
  const simulation = useCanvasOverlay((s) => s.simulation);
  const coverage = useCanvasOverlay((s) => s.coverage);
  const drawnEdges = useMemo(
    () =>
      edges.map((e) => {
        const severity = worstSeverity(byEdge.get(e.id));
        let edge = severity ? { ...e, className: `edge-${severity}` } : e;
        const key = `${e.source}:${e.sourceHandle}`;
        const mark = simulation?.edges[key] ?? coverage?.edges[key];
        // Drawn by a class only (overlay.css animates a taken edge): React Flow's `animated` flag
        // toggled on several edges at once sent the editor into a render loop (React error 185).
        if (mark) edge = { ...edge, className: `${edge.className ?? ''} edge-${mark}`.trim() };
        if (!stats) return edge;
        const figure = outputStats(stats, e.source, e.sourceHandle);
        return {
          ...edge,
          className: `${edge.className ?? ''} ${figure.taken > 0 ? 'edge-stats' : 'edge-stats-none'}`.trim(),
          label: figure.taken > 0 && figure.percent !== null ? tStats('share', { taken: figure.taken, percent: figure.percent }) : String(figure.taken),
          labelShowBg: true,
          labelBgPadding: [4, 2] as [number, number],
          labelBgBorderRadius: 3,
          style: { strokeWidth: edgeWidth(figure) },
          data: { taken: figure.taken, percent: figure.percent },
        };
      }),
    [edges, byEdge, stats, tStats, simulation, coverage],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (connection) => canConnect(useEditorStore.getState().nodes, connection as Connection),
    [],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!isStepType(type)) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addNode(type, { x: Math.round((at.x - 110) / 20) * 20, y: Math.round((at.y - 30) / 20) * 20 });
    },
    [addNode, screenToFlowPosition],
  );

  // Fit the whole flow once every node has been measured (the fitView prop alone can run
  // before all nodes have their size, and then only frames the first ones).
  const initialized = useNodesInitialized();
  // Every node is rendered until then (hidden nodes would never be measured).
  const [fitted, setFitted] = useState(false);
  useEffect(() => {
    if (!initialized || fitted) return;
    setFitted(true);
    void fitView(fitViewOptions);
    // The next frame shows the fitted flow (read by bench/editor.bench.ts).
    window.requestAnimationFrame(() => performance.mark('relais-editor-fitted'));
  }, [initialized, fitted, fitView]);

  useEffect(() => {
    if (!focusRequest) return;
    void fitView({ nodes: [{ id: focusRequest.nodeId }], duration: 300, maxZoom: 1.2, padding: 0.6 });
  }, [focusRequest, fitView]);

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} aria-label={t('canvasLabel')} role="region">
      <ReactFlow<StepFlowNode, Edge>
        nodes={nodes as unknown as StepFlowNode[]}
        edges={drawnEdges as unknown as Edge[]}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange as never}
        onEdgesChange={onEdgesChange as never}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        nodesDraggable={editable}
        nodesConnectable={editable}
        snapToGrid
        snapGrid={snapGrid}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.05}
        maxZoom={2}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        onlyRenderVisibleElements={fitted && nodes.length > 150}
        defaultEdgeOptions={{ interactionWidth: 16 }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <MiniMap pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={3} ariaLabel="Minimap" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
