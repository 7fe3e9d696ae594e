// Who may do what. Reading is open to every role of the organisation.
import type { UserRole } from './current-user';

/** Create, edit, delete flows and their drafts. */
export const FLOW_EDITORS: readonly UserRole[] = ['admin', 'supervisor'];
/** Write numbers, calendars, groups, agents, sounds, forbidden lists. */
export const RESOURCE_ADMINS: readonly UserRole[] = ['admin'];
/** Write the contact directory (agents read and search it from the console). */
export const CONTACT_EDITORS: readonly UserRole[] = ['admin', 'supervisor'];
export const ALL_ROLES: readonly UserRole[] = ['admin', 'supervisor', 'agent'];
/** Lock and unlock agents' statuses. */
export const STATUS_SUPERVISORS: readonly UserRole[] = ['admin', 'supervisor'];
/** Flow analytics and live calls on the canvas: the organisation's calls, like the calls and stats sections. */
export const FLOW_ANALYTICS_READERS: readonly UserRole[] = ['admin', 'supervisor'];
/** Read the statistics (/stats, /api/stats). */
export const STATS_READERS: readonly UserRole[] = ['admin', 'supervisor'];
