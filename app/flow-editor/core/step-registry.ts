// The editor's registry of step types, keyed by the same ids as schemas/ and the runtime:
// a glyph for the palette and nodes, and a one-line summary of a node's configuration.
// Everything else (title, description, category, outputs, form) comes from the schemas.
import { STEP_TYPES, type ReferenceKind, type StepType } from '@/schemas';
import type { EditorLanguage } from './types';
import schemaTextEn from '@/schemas/messages/en.json';
import schemaTextFr from '@/schemas/messages/fr.json';

export type NameOf = (kind: ReferenceKind, id: string) => string | undefined;
type Config = Record<string, unknown>;

export interface StepEditorSpec {
  /** A short symbol drawn in the node's and palette item's badge. */
  glyph: string;
  /**
   * An SVG path (24×24 box, filled with the text colour) drawn instead of the glyph, for steps
   * whose symbol is missing from common fonts (a missing glyph shows as an empty box).
   */
  iconPath?: string;
  summary: (config: Config, language: EditorLanguage, nameOf: NameOf) => string;
}

const L = (language: EditorLanguage, fr: string, en: string) => (language === 'fr' ? fr : en);
/** An option value as the inspector names it (schemas/messages), e.g. "simultaneous" → "Simultané". */
const option = (language: EditorLanguage, value: string) =>
  ((language === 'fr' ? schemaTextFr : schemaTextEn).options as Record<string, string>)[value] ?? value;

function promptSummary(prompt: unknown, language: EditorLanguage, nameOf: NameOf): string {
  const p = prompt as { kind?: string; soundId?: string; text?: Record<string, string> } | undefined;
  if (!p) return L(language, 'Aucun message', 'No prompt');
  if (p.kind === 'sound') return p.soundId ? `♪ ${nameOf('sounds', p.soundId) ?? p.soundId}` : L(language, 'Son à choisir', 'Pick a sound');
  const text = p.text?.[language] ?? Object.values(p.text ?? {})[0];
  return text ? `“${text}”` : L(language, 'Texte à saisir', 'Text to write');
}

const ref = (kind: ReferenceKind, id: unknown, language: EditorLanguage, nameOf: NameOf, missing: [string, string]) =>
  typeof id === 'string' && id ? (nameOf(kind, id) ?? id) : L(language, ...missing);

export const STEP_EDITORS: Readonly<Record<StepType, StepEditorSpec>> = {
  message: { glyph: '♪', summary: (c, l, n) => promptSummary(c.prompt, l, n) },
  menu: {
    glyph: '#',
    summary: (c, l) => {
      const keys = (c.keys as { key: string; label?: string }[] | undefined) ?? [];
      return keys.length ? `${L(l, 'Touches', 'Keys')} ${keys.map((k) => k.key).join(' · ')}` : L(l, 'Aucune touche', 'No key');
    },
  },
  input: { glyph: '⌨', summary: (c, l) => `${c.variable ?? '?'} · ${c.minLength ?? 1}–${c.maxLength ?? 10} ${L(l, 'chiffres', 'digits')}` },
  hours: { glyph: '◷', summary: (c, l, n) => ref('calendars', c.calendarId, l, n, ['Calendrier à choisir', 'Pick a calendar']) },
  'queue-group': {
    glyph: '☎',
    summary: (c, l, n) => `${ref('groups', c.groupId, l, n, ['Groupe à choisir', 'Pick a group'])} · ${option(l, String(c.strategy ?? 'simultaneous'))}`,
  },
  redirect: {
    glyph: '↪',
    summary: (c, l, n) => {
      const t = (c.target ?? {}) as { kind?: string; agentId?: string; groupId?: string; flowId?: string; number?: string };
      if (t.kind === 'agent') return ref('agents', t.agentId, l, n, ['Agent à choisir', 'Pick an agent']);
      if (t.kind === 'group') return ref('groups', t.groupId, l, n, ['Groupe à choisir', 'Pick a group']);
      if (t.kind === 'flow') return ref('flows', t.flowId, l, n, ['Flux à choisir', 'Pick a flow']);
      return t.number ?? L(l, 'Numéro à saisir', 'Number to enter');
    },
  },
  voicemail: {
    glyph: '✉',
    summary: (c, l, n) => {
      const m = (c.mailbox ?? {}) as { kind?: string; agentId?: string; groupId?: string };
      return m.kind === 'agent' ? ref('agents', m.agentId, l, n, ['Agent à choisir', 'Pick an agent']) : ref('groups', m.groupId, l, n, ['Groupe à choisir', 'Pick a group']);
    },
  },
  callback: { glyph: '↺', summary: (c, l, n) => ref('groups', c.groupId, l, n, ['Groupe à choisir', 'Pick a group']) },
  sms: {
    glyph: '✆',
    summary: (c, l) => {
      const to = (c.to ?? {}) as { kind?: string; number?: string };
      return `${to.kind === 'fixed' ? (to.number ?? '?') : L(l, 'Appelant', 'Caller')} · “${String(c.template ?? '').slice(0, 40)}”`;
    },
  },
  'forbidden-transfer': {
    glyph: '⊘',
    summary: (c, l) =>
      c.mode === 'all-external'
        ? L(l, 'Tous les numéros externes', 'All external numbers')
        : [...((c.presets as string[]) ?? []).map((p) => option(l, p)), ...((c.patterns as string[]) ?? [])].join(', ') || L(l, 'Aucune règle', 'No rule'),
  },
  filter: { glyph: 'Y', iconPath: 'M3 4h18l-7 8.5V19l-4 2v-8.5z', summary: (c, l) => `${c.purpose === 'allow' ? L(l, 'Autorisés', 'Allowed') : L(l, 'Bloqués', 'Denied')}: ${((c.patterns as string[]) ?? []).join(', ')}` },
  split: { glyph: '%', summary: (c) => ((c.branches as { id: string; percent: number }[]) ?? []).map((b) => `${b.id} ${b.percent}%`).join(' · ') },
  variable: { glyph: 'x=', summary: (c) => `${c.name ?? '?'} = ${c.expression ?? '?'}` },
  'http-request': { glyph: '⇄', summary: (c) => `${c.method ?? 'GET'} ${String(c.url ?? '')}` },
  condition: { glyph: '?', summary: (c) => ((c.branches as { expression: string }[]) ?? []).map((b) => b.expression).join(' | ') },
  hangup: { glyph: '✕', summary: (c, l, n) => (c.prompt ? promptSummary(c.prompt, l, n) : option(l, String(c.cause ?? 'normal'))) },
};

export const EDITOR_STEP_TYPES: readonly StepType[] = STEP_TYPES;

/** The node's one-line summary, cut to a readable length. */
export function summarizeConfig(type: StepType, config: Config, language: EditorLanguage, nameOf: NameOf): string {
  const text = STEP_EDITORS[type].summary(config ?? {}, language, nameOf);
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
}
