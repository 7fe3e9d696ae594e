// Where a new step (or a group of steps) goes: the free spot nearest to where it was asked
// for (the drop point, the view's centre), so it never lands on top of another step.
// Positions are top-left corners on the canvas's 20 px grid; sizes are React Flow's measured
// ones when known, else an estimate of a step's box.
import type { EditorNode } from './types';

export interface Size {
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}
interface Rect extends Point, Size {}

/** A step's box before React Flow has measured it (a node is 230 px wide, CSS). */
export const ESTIMATED_STEP_SIZE: Size = { width: 240, height: 140 };
const GRID = 20;
/** Free space kept around every step. */
const GAP = 20;

export function nodeRect(node: Pick<EditorNode, 'position' | 'measured' | 'width' | 'height'>): Rect {
  return {
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? node.width ?? ESTIMATED_STEP_SIZE.width,
    height: node.measured?.height ?? node.height ?? ESTIMATED_STEP_SIZE.height,
  };
}

/** True when the two boxes, each with `gap` around it, overlap. */
export function overlaps(a: Rect, b: Rect, gap = GAP): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

const snap = (v: number) => Math.round(v / GRID) * GRID;

/**
 * The grid position nearest to `desired` where a box of `size` overlaps none of `nodes`.
 * Searches outwards ring by ring (one grid step per ring) and, within a ring, takes the
 * closest free spot; beyond `maxRings` it goes below every step.
 */
export function findFreePosition(desired: Point, nodes: readonly Pick<EditorNode, 'position' | 'measured' | 'width' | 'height'>[], size: Size = ESTIMATED_STEP_SIZE, maxRings = 80): Point {
  const start = { x: snap(desired.x), y: snap(desired.y) };
  const rects = nodes.map(nodeRect);
  const free = (p: Point) => !rects.some((r) => overlaps({ ...p, ...size }, r));
  if (free(start)) return start;
  for (let ring = 1; ring <= maxRings; ring++) {
    const candidates: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      candidates.push({ x: start.x + i * GRID, y: start.y - ring * GRID }, { x: start.x + i * GRID, y: start.y + ring * GRID });
      if (i !== -ring && i !== ring) candidates.push({ x: start.x - ring * GRID, y: start.y + i * GRID }, { x: start.x + ring * GRID, y: start.y + i * GRID });
    }
    candidates.sort((a, b) => (a.x - start.x) ** 2 + (a.y - start.y) ** 2 - ((b.x - start.x) ** 2 + (b.y - start.y) ** 2));
    const found = candidates.find(free);
    if (found) return found;
  }
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: start.x, y: snap(bottom + GAP * 2) };
}

/** The bounding box of a group of steps (positions and sizes as above). */
export function boundingBox(nodes: readonly Pick<EditorNode, 'position' | 'measured' | 'width' | 'height'>[]): Rect {
  const rects = nodes.map(nodeRect);
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  return { x, y, width: Math.max(...rects.map((r) => r.x + r.width)) - x, height: Math.max(...rects.map((r) => r.y + r.height)) - y };
}
