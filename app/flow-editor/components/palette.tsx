'use client';
// The step palette: every step type of the catalogue, grouped by category, searchable (title
// and description, in the UI language). Drag an item onto the canvas, or click / press Enter
// to add it at the centre of the view. Keyboard: ↑ ↓ (Home, End) move through the list from
// the search box, Enter adds the focused step (in the search box: the first match), Escape
// clears the search.
import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { STEP_METADATA, STEP_TYPES, type StepCategory, type StepType } from '@/schemas';
import { useEditorStore } from '../store';
import { StepGlyph } from './step-glyph';
import { PALETTE_DRAG_TYPE } from '../core/dnd';
import { isPaletteMove, nextPaletteIndex } from '../core/palette-nav';

const CATEGORIES: StepCategory[] = ['prompts', 'routing', 'logic', 'actions'];
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export function Palette() {
  const t = useTranslations('editor.palette');
  const language = useEditorStore((s) => s.language);
  const editable = useEditorStore((s) => s.editable);
  const addNode = useEditorStore((s) => s.addNode);
  const { screenToFlowPosition } = useReactFlow();
  const [query, setQuery] = useState('');
  const paletteRef = useRef<HTMLElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const groups = useMemo(() => {
    const q = fold(query.trim());
    const matches = (type: StepType) => {
      const m = STEP_METADATA[type];
      return !q || fold(`${m.title[language]} ${m.description[language]} ${type}`).includes(q);
    };
    return CATEGORIES.map((category) => ({ category, types: STEP_TYPES.filter((type) => STEP_METADATA[type].category === category && matches(type)) })).filter(
      (g) => g.types.length > 0,
    );
  }, [query, language]);

  const addAtCentre = (type: StepType) => {
    const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
    const centre = canvas ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }) : { x: 0, y: 0 };
    // The store moves it to the nearest free spot when the centre is taken.
    addNode(type, { x: Math.round((centre.x - 110) / 20) * 20, y: Math.round((centre.y - 40) / 20) * 20 });
  };
  const items = () => Array.from(paletteRef.current?.querySelectorAll<HTMLButtonElement>('.palette-item:not(:disabled)') ?? []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (isPaletteMove(event.key)) {
      const list = items();
      const current = list.indexOf(document.activeElement as HTMLButtonElement);
      if (current === -1 && event.target !== searchRef.current) return;
      if (event.target === searchRef.current && (event.key === 'Home' || event.key === 'End')) return; // the caret moves in the text
      event.preventDefault();
      const next = nextPaletteIndex(current, list.length, event.key);
      (next === -1 ? searchRef.current : list[next])?.focus();
    } else if (event.key === 'Escape' && query !== '') {
      // Clears the search only (not the canvas selection too, as the editor's Escape would).
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
      searchRef.current?.focus();
    } else if (event.key === 'Enter' && event.target === searchRef.current) {
      event.preventDefault();
      items()[0]?.click();
    }
  };
  const onDragStart = (event: DragEvent, type: StepType) => {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside ref={paletteRef} className="palette" aria-labelledby="palette-title" onKeyDown={onKeyDown}>
      <h2 id="palette-title">{t('title')}</h2>
      <input
        ref={searchRef}
        type="search"
        placeholder={t('search')}
        aria-label={t('search')}
        aria-keyshortcuts="ArrowDown Enter Escape"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <p className="palette-hint">{t('hint')}</p>
      {groups.length === 0 && <p className="muted">{t('noMatch', { query })}</p>}
      {groups.map(({ category, types }) => (
        <section key={category} className="palette-group" aria-label={t(`categories.${category}`)}>
          <h3>{t(`categories.${category}`)}</h3>
          <ul>
            {types.map((type) => {
              const m = STEP_METADATA[type];
              return (
                <li key={type}>
                  <button
                    type="button"
                    className={`palette-item category-${category}`}
                    draggable={editable}
                    disabled={!editable}
                    onDragStart={(e) => onDragStart(e, type)}
                    onClick={() => addAtCentre(type)}
                    aria-label={t('add', { step: m.title[language] })}
                    data-step-type={type}
                  >
                    <StepGlyph type={type} />
                    <span className="palette-text">
                      <span className="palette-title">{m.title[language]}</span>
                      <span className="palette-description">{m.description[language]}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </aside>
  );
}
