// Keyboard shortcuts of the console (Alt + a letter, by physical key so they work on any
// layout; ignored while typing in a field). Shown in the console's help and on each button
// (aria-keyshortcuts).
export interface Shortcut {
  /** KeyboardEvent.code */
  code: string;
  keys: string;
  action: 'hold' | 'recordStart' | 'hangup' | 'transfer' | 'complete' | 'retrieve' | 'available' | 'pause' | 'call';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { code: 'KeyH', keys: 'Alt+H', action: 'hold' },
  { code: 'KeyR', keys: 'Alt+R', action: 'recordStart' },
  { code: 'KeyX', keys: 'Alt+X', action: 'hangup' },
  { code: 'KeyT', keys: 'Alt+T', action: 'transfer' },
  { code: 'KeyC', keys: 'Alt+C', action: 'complete' },
  { code: 'KeyB', keys: 'Alt+B', action: 'retrieve' },
  { code: 'KeyA', keys: 'Alt+A', action: 'available' },
  { code: 'KeyP', keys: 'Alt+P', action: 'pause' },
  { code: 'KeyN', keys: 'Alt+N', action: 'call' },
];

export function shortcutFor(event: KeyboardEvent): Shortcut | undefined {
  if (!event.altKey || event.ctrlKey || event.metaKey) return undefined;
  const target = event.target as HTMLElement | null;
  if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return undefined;
  return SHORTCUTS.find((s) => s.code === event.code);
}
