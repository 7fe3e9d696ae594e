// Keyboard moves in the palette list: where focus goes from `current` (−1 = the search box)
// among `count` items. Down from the search box enters the list; up from the first item
// returns to the search box; Home / End jump; the list does not wrap.
export type PaletteMove = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End';

export function nextPaletteIndex(current: number, count: number, key: PaletteMove): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'ArrowUp':
      return current <= 0 ? -1 : Math.min(count - 1, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
  }
}

export const isPaletteMove = (key: string): key is PaletteMove => key === 'ArrowDown' || key === 'ArrowUp' || key === 'Home' || key === 'End';
