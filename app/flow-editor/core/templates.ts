// Starting points for a new flow. Organisation objects (calendar, groups) are filled with the
// first ones the organisation has, when it has any; otherwise the user picks them (the nodes
// show the problem until then).
import type { FlowDocument } from '@/schemas';
import type { EditorLanguage } from './types';

export type TemplateId = 'empty' | 'business-hours' | 'reception-cascade';
export const TEMPLATE_IDS: readonly TemplateId[] = ['empty', 'business-hours', 'reception-cascade'];

export interface TemplateContext {
  name: string;
  language: EditorLanguage;
  calendarId?: string;
  groupIds?: string[];
}

const tts = (language: EditorLanguage, text: string) => ({ kind: 'tts', text: { [language]: text } });
const withId = <T extends Record<string, unknown>>(config: T, field: string, id: string | undefined) => (id ? { ...config, [field]: id } : config);

export function buildTemplate(id: TemplateId, context: TemplateContext): FlowDocument {
  const { name, language: lang, calendarId } = context;
  const fr = lang === 'fr';
  const [g1, g2] = [context.groupIds?.[0], context.groupIds?.[1] ?? context.groupIds?.[0]];
  const base = { schemaVersion: 1 as const, name, language: lang };
  const edge = (n: number, source: string, sourceOutput: string, target: string) => ({ id: `e${n}`, source, sourceOutput, target });
  if (id === 'empty') {
    return {
      ...base,
      entry: 'welcome',
      nodes: [{ id: 'welcome', type: 'message', position: { x: 0, y: 0 }, label: fr ? 'Accueil' : 'Welcome', config: { prompt: tts(lang, fr ? 'Bonjour et bienvenue.' : 'Hello and welcome.') } }],
      edges: [],
    } as FlowDocument;
  }
  if (id === 'business-hours') {
    return {
      ...base,
      entry: 'welcome',
      nodes: [
        { id: 'welcome', type: 'message', position: { x: 0, y: 120 }, label: fr ? 'Accueil' : 'Welcome', config: { prompt: tts(lang, fr ? 'Bonjour et bienvenue.' : 'Hello and welcome.') } },
        { id: 'hours', type: 'hours', position: { x: 320, y: 120 }, label: fr ? 'Horaires' : 'Business hours', config: withId({}, 'calendarId', calendarId) },
        {
          id: 'menu', type: 'menu', position: { x: 640, y: 0 }, label: 'Menu',
          config: { prompt: tts(lang, fr ? 'Pour le service commercial, tapez 1. Pour le support, tapez 2.' : 'For sales, press 1. For support, press 2.'), keys: [{ key: '1', label: fr ? 'Ventes' : 'Sales' }, { key: '2', label: 'Support' }], timeoutSeconds: 5, retries: 2 },
        },
        { id: 'sales', type: 'queue-group', position: { x: 960, y: -80 }, label: fr ? 'Ventes' : 'Sales', config: withId({ strategy: 'simultaneous' }, 'groupId', g1) },
        { id: 'support', type: 'queue-group', position: { x: 960, y: 120 }, label: 'Support', config: withId({ strategy: 'cascade' }, 'groupId', g2) },
        { id: 'voicemail', type: 'voicemail', position: { x: 1280, y: 200 }, label: fr ? 'Messagerie' : 'Voicemail', config: { mailbox: withId({ kind: 'group' }, 'groupId', g1), greeting: tts(lang, fr ? 'Laissez-nous un message après le bip.' : 'Please leave a message after the beep.') } },
      ],
      edges: [
        edge(1, 'welcome', 'next', 'hours'),
        edge(2, 'hours', 'open', 'menu'),
        edge(3, 'hours', 'closed', 'voicemail'),
        edge(4, 'menu', '1', 'sales'),
        edge(5, 'menu', '2', 'support'),
        edge(6, 'menu', 'timeout', 'voicemail'),
        edge(7, 'sales', 'no_answer', 'voicemail'),
        edge(8, 'support', 'no_answer', 'voicemail'),
      ],
    } as FlowDocument;
  }
  return {
    ...base,
    entry: 'welcome',
    nodes: [
      { id: 'welcome', type: 'message', position: { x: 0, y: 0 }, label: fr ? 'Accueil' : 'Welcome', config: { prompt: tts(lang, fr ? 'Bonjour, nous vous mettons en relation.' : 'Hello, we are putting you through.') } },
      { id: 'reception', type: 'queue-group', position: { x: 320, y: 0 }, label: fr ? 'Accueil (cascade)' : 'Reception (cascade)', config: withId({ strategy: 'cascade', ringTimeSeconds: 20, cascadeRounds: 2 }, 'groupId', g1) },
      { id: 'voicemail', type: 'voicemail', position: { x: 640, y: 0 }, label: fr ? 'Messagerie' : 'Voicemail', config: { mailbox: withId({ kind: 'group' }, 'groupId', g1) } },
    ],
    edges: [edge(1, 'welcome', 'next', 'reception'), edge(2, 'reception', 'no_answer', 'voicemail')],
  } as FlowDocument;
}
