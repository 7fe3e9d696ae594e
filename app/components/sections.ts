// The admin's sections, their routes and who may see and change them, matching
// app/lib/auth/roles.ts (flows: admins and supervisors; the rest: admins). The API enforces
// the same rules; this only keeps the UI from offering what a role cannot do. Agents see the
// flows and their voicemail only. Users (team members) are admins' only. Personal API tokens
// are not a section: every user reaches their own from the user menu (/tokens).
export type Role = 'admin' | 'supervisor' | 'agent';

export type SectionKey = 'agent' | 'flows' | 'voicemails' | 'numbers' | 'calendars' | 'groups' | 'agents' | 'sounds' | 'forbidden' | 'contacts' | 'audit' | 'users'
  | 'calls' | 'stats' | 'live' | 'webhooks';

export interface Section {
  key: SectionKey;
  href: string;
  /** Roles that see the section in the navigation and may open it. */
  view: readonly Role[];
  /** Roles that may create, change and delete in it. */
  edit: readonly Role[];
}

const managers: readonly Role[] = ['admin', 'supervisor'];
const everyone: readonly Role[] = ['admin', 'supervisor', 'agent'];

export const sections: readonly Section[] = [
  // The agent console: every role (a supervisor or admin linked to an agent takes calls too);
  // agents land there after signing in (landingPath).
  { key: 'agent', href: '/agent', view: everyone, edit: everyone },
  { key: 'flows', href: '/flows', view: everyone, edit: managers },
  // Everyone: agents see their own mailbox and their groups' (app/lib/voicemails/voicemail-access.ts).
  { key: 'voicemails', href: '/voicemails', view: everyone, edit: everyone },
  { key: 'numbers', href: '/numbers', view: managers, edit: ['admin'] },
  { key: 'calendars', href: '/calendars', view: managers, edit: ['admin'] },
  { key: 'groups', href: '/groups', view: managers, edit: ['admin'] },
  { key: 'agents', href: '/agents', view: managers, edit: ['admin'] },
  { key: 'sounds', href: '/sounds', view: managers, edit: ['admin'] },
  { key: 'forbidden', href: '/forbidden-destinations', view: managers, edit: ['admin'] },
  // Everyone reads the directory (agents search it from the console); managers write it.
  { key: 'contacts', href: '/contacts', view: everyone, edit: managers },
  // Read-only: the log is written by the actions it records.
  { key: 'audit', href: '/audit', view: managers, edit: [] },
  { key: 'users', href: '/users', view: ['admin'], edit: ['admin'] },
  // Issue 15: what supervisors look at all day. Read-only for them; webhooks are admins' settings.
  { key: 'calls', href: '/calls', view: managers, edit: [] },
  { key: 'stats', href: '/stats', view: managers, edit: [] },
  { key: 'live', href: '/live', view: managers, edit: [] },
  { key: 'webhooks', href: '/webhooks', view: ['admin'], edit: ['admin'] },
];

/** Where a user lands after signing in: agents on their console, the others on the flows. */
export function landingPath(role: string): string {
  return role === 'agent' ? '/agent' : '/flows';
}

export function section(key: SectionKey): Section {
  return sections.find((s) => s.key === key)!;
}

export function canView(role: string, key: SectionKey): boolean {
  return (section(key).view as readonly string[]).includes(role);
}

export function canEdit(role: string, key: SectionKey): boolean {
  return (section(key).edit as readonly string[]).includes(role);
}
