// What is drawn over the canvas besides the flow itself (issue 17): the simulated call's path
// (simulator panel) and the saved test cases' coverage (tests panel). One small store so the
// step nodes and edges read one place; each producer owns its own layer and clears it.
import { create } from 'zustand';

export type NodeMark = 'current' | 'visited' | 'covered' | 'uncovered';
export type EdgeMark = 'taken' | 'covered' | 'uncovered';

export interface OverlayLayer {
  /** Node id → mark. */
  nodes: Record<string, NodeMark>;
  /** Edge key `${sourceNodeId}:${output}` → mark. */
  edges: Record<string, EdgeMark>;
  /** Node id → visit numbers (1-based), for the simulated path. */
  order?: Record<string, number[]>;
}

interface OverlayStore {
  simulation: OverlayLayer | null;
  coverage: OverlayLayer | null;
  setSimulation: (layer: OverlayLayer | null) => void;
  setCoverage: (layer: OverlayLayer | null) => void;
}

export const useCanvasOverlay = create<OverlayStore>((set) => ({
  simulation: null,
  coverage: null,
  setSimulation: (simulation) => set({ simulation }),
  setCoverage: (coverage) => set({ coverage }),
}));
