// Which panel the editor shows on its right: the selected step's inspector (default), the
// simulator (issue 17, app/flow-editor/simulator) or the saved test cases (flow-tests). One
// tiny store so the toolbar buttons, the shortcuts and the layout agree without prop chains.
import { create } from 'zustand';

export type SidePanel = 'inspector' | 'simulator' | 'tests';

interface SidePanelStore {
  panel: SidePanel;
  show(panel: SidePanel): void;
  /** Shows `panel`, or back to the inspector when it is already shown. */
  toggle(panel: SidePanel): void;
}

export const useSidePanel = create<SidePanelStore>((set, get) => ({
  panel: 'inspector',
  show: (panel) => set({ panel }),
  toggle: (panel) => set({ panel: get().panel === panel ? 'inspector' : panel }),
}));
