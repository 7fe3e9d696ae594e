// Drag-and-drop payload type of a palette item (read by the canvas on drop).
export const PALETTE_DRAG_TYPE = 'application/x-relais-step';
