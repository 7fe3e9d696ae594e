// A copy of the unsaved draft in the browser (localStorage), so a crash, a closed tab or a
// server that stayed unreachable loses nothing. Keyed by flow id + the revision the edits are
// based on: a backup of revision 3 is offered only while the server's draft is still at 3
// (after someone else saved, restoring it would silently undo their work). Pure: the storage
// is passed in.

export interface DraftBackup {
  flowId: string;
  revision: number;
  /** When the copy was taken (ms since the epoch). */
  savedAt: number;
  document: unknown;
}

/** The subset of Storage used here (window.localStorage, or a Map-backed fake in tests). */
export interface BackupStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

const PREFIX = 'relais.editor.backup.';

export const backupKey = (flowId: string, revision: number) => `${PREFIX}${flowId}@${revision}`;

function keysOf(storage: BackupStorage, flowId: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(`${PREFIX}${flowId}@`)) keys.push(key);
  }
  return keys;
}

/** Stores the copy, replacing any other copy of the same flow (older revisions included). */
export function writeBackup(storage: BackupStorage, backup: DraftBackup): boolean {
  try {
    for (const key of keysOf(storage, backup.flowId)) if (key !== backupKey(backup.flowId, backup.revision)) storage.removeItem(key);
    storage.setItem(backupKey(backup.flowId, backup.revision), JSON.stringify(backup));
    return true;
  } catch {
    return false; // quota exceeded or storage disabled: the editor works without a backup
  }
}

export function readBackup(storage: BackupStorage, flowId: string, revision: number): DraftBackup | null {
  try {
    const text = storage.getItem(backupKey(flowId, revision));
    if (!text) return null;
    const value = JSON.parse(text) as Partial<DraftBackup>;
    if (value.flowId !== flowId || value.revision !== revision || typeof value.savedAt !== 'number' || typeof value.document !== 'object' || value.document === null) return null;
    return value as DraftBackup;
  } catch {
    return null;
  }
}

export function clearBackups(storage: BackupStorage, flowId: string): void {
  try {
    for (const key of keysOf(storage, flowId)) storage.removeItem(key);
  } catch {
    // storage unavailable: nothing to clear
  }
}

/** Deterministic JSON (sorted keys), to compare documents whatever their key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The backup to offer when the editor opens: one for this revision, taken after the server's
 * draft was last written, and different from it. Otherwise null (and the stale copy can go).
 */
export function backupToOffer(backup: DraftBackup | null, server: { revision: number; updatedAt: number | null; document: unknown }): DraftBackup | null {
  if (!backup || backup.revision !== server.revision) return null;
  if (server.updatedAt !== null && backup.savedAt <= server.updatedAt) return null;
  return stableJson(backup.document) === stableJson(server.document) ? null : backup;
}
