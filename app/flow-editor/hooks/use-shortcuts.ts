'use client';
// Keyboard shortcuts of the editor (listed in the help panel), and copy/cut/paste through the
// system clipboard's copy/paste events (JSON text, so a selection pastes into another flow).
// Ignored while typing in a form field, except Ctrl+S and Ctrl+Shift+P (publish).
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { copySelection, readClipboard } from '../core/clipboard';
import { useEditorStore } from '../store';

export interface EditorCommands {
  save: () => void;
  layout: () => void;
  toggleHelp: () => void;
  /** Opens the publish dialog. */
  publish: () => void;
  closeDialogs: () => boolean;
  /** Opens or closes the simulator panel (issue 17). */
  simulate?: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export const SHORTCUTS = [
  { keys: ['Ctrl', 'Z'], action: 'undo' },
  { keys: ['Ctrl', 'Shift', 'Z'], action: 'redo' },
  { keys: ['Ctrl', 'Y'], action: 'redo' },
  { keys: ['Ctrl', 'C'], action: 'copy' },
  { keys: ['Ctrl', 'V'], action: 'paste' },
  { keys: ['Ctrl', 'D'], action: 'duplicate' },
  { keys: ['Delete'], action: 'delete' },
  { keys: ['Backspace'], action: 'delete' },
  { keys: ['Ctrl', 'S'], action: 'save' },
  { keys: ['Shift', '1'], action: 'fit' },
  { keys: ['Ctrl', 'L'], action: 'layout' },
  { keys: ['Ctrl', 'Shift', 'P'], action: 'publish' },
  { keys: ['Ctrl', 'Shift', 'Enter'], action: 'simulate' },
  { keys: ['T'], action: 'simulate' },
  { keys: ['Shift', 'Click'], action: 'select' },
  { keys: ['↑ ↓'], action: 'paletteMove' },
  { keys: ['Enter'], action: 'addStep' },
  { keys: ['Esc'], action: 'paletteClear' },
  { keys: ['?'], action: 'help' },
  { keys: ['Esc'], action: 'escape' },
] as const;

export function useShortcuts(commands: EditorCommands) {
  const { fitView, screenToFlowPosition } = useReactFlow();
  useEffect(() => {
    const store = useEditorStore.getState;
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        commands.save();
        return;
      }
      if (mod && event.shiftKey && key === 'p') {
        // Before the browser's own use of the keys (print dialog, private window…).
        event.preventDefault();
        if (!document.querySelector('dialog[open]')) commands.publish();
        return;
      }
      if (mod && event.shiftKey && event.key === 'Enter' && commands.simulate) {
        event.preventDefault();
        if (!document.querySelector('dialog[open]')) commands.simulate();
        return;
      }
      if (event.key === 'Escape') {
        if (!commands.closeDialogs()) store().selectOnly(null);
        return;
      }
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) store().redo();
        else store().undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        store().redo();
      } else if (mod && key === 'd') {
        event.preventDefault();
        store().duplicateSelection();
      } else if (mod && key === 'l') {
        event.preventDefault();
        commands.layout();
      } else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        event.preventDefault();
        store().deleteSelection();
      } else if (!mod && event.shiftKey && event.code === 'Digit1') {
        event.preventDefault();
        void fitView({ padding: 0.2, duration: 250, maxZoom: 1.1 });
      } else if (!mod && !event.altKey && key === 't' && commands.simulate) {
        event.preventDefault();
        commands.simulate();
      } else if (!mod && event.key === '?') {
        event.preventDefault();
        commands.toggleHelp();
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTyping(event.target) || !event.clipboardData) return;
      const state = store();
      const text = copySelection(state.nodes, state.edges, new Set(state.nodes.filter((n) => n.selected).map((n) => n.id)));
      if (!text) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
      if (event.type === 'cut') state.deleteSelection();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || !event.clipboardData) return;
      const payload = readClipboard(event.clipboardData.getData('text/plain'));
      if (!payload) return;
      event.preventDefault();
      const state = store();
      const fromThisFlow = payload.nodes.some((n) => state.nodes.some((m) => m.id === n.id));
      if (fromThisFlow) return state.paste(payload);
      // From another flow: land at the centre of the view.
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      const at = rect ? screenToFlowPosition({ x: rect.left + rect.width / 3, y: rect.top + rect.height / 3 }) : { x: 0, y: 0 };
      state.paste(payload, at);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [commands, fitView, screenToFlowPosition]);
}
