// Local backup of unsaved changes (app/flow-editor/core/local-backup.ts).
import { describe, expect, it } from 'vitest';
import { backupKey, backupToOffer, clearBackups, readBackup, stableJson, writeBackup, type BackupStorage } from '@/app/flow-editor/core/local-backup';

function memoryStorage(): BackupStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
  };
}

const doc = (name: string) => ({ schemaVersion: 1, name, entry: 'a', nodes: [], edges: [] });

describe('local backup', () => {
  it('writes one copy per flow, keyed by flow and revision, and reads it back', () => {
    const storage = memoryStorage();
    storage.setItem('other', 'kept');
    expect(writeBackup(storage, { flowId: 'f1', revision: 3, savedAt: 10, document: doc('a') })).toBe(true);
    expect(writeBackup(storage, { flowId: 'f1', revision: 4, savedAt: 20, document: doc('b') })).toBe(true);
    writeBackup(storage, { flowId: 'f2', revision: 1, savedAt: 5, document: doc('c') });
    expect([...storage.map.keys()].sort()).toEqual([backupKey('f1', 4), backupKey('f2', 1), 'other'].sort());
    expect(readBackup(storage, 'f1', 4)).toEqual({ flowId: 'f1', revision: 4, savedAt: 20, document: doc('b') });
    expect(readBackup(storage, 'f1', 3)).toBeNull();
    clearBackups(storage, 'f1');
    expect(readBackup(storage, 'f1', 4)).toBeNull();
    expect(readBackup(storage, 'f2', 1)).not.toBeNull();
  });

  it('ignores garbage and survives a full storage', () => {
    const storage = memoryStorage();
    storage.setItem(backupKey('f', 1), '{not json');
    expect(readBackup(storage, 'f', 1)).toBeNull();
    storage.setItem(backupKey('f', 1), JSON.stringify({ flowId: 'f', revision: 1, savedAt: 'x', document: {} }));
    expect(readBackup(storage, 'f', 1)).toBeNull();
    const full = { ...memoryStorage(), setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(writeBackup(full, { flowId: 'f', revision: 1, savedAt: 1, document: doc('a') })).toBe(false);
  });

  it('offers a copy only when it is for the same revision, newer than the server draft and different', () => {
    const backup = { flowId: 'f', revision: 2, savedAt: 2000, document: doc('mine') };
    expect(backupToOffer(backup, { revision: 2, updatedAt: 1000, document: doc('theirs') })).toBe(backup);
    expect(backupToOffer(backup, { revision: 2, updatedAt: null, document: doc('theirs') })).toBe(backup);
    expect(backupToOffer(backup, { revision: 3, updatedAt: 1000, document: doc('theirs') })).toBeNull();
    expect(backupToOffer(backup, { revision: 2, updatedAt: 3000, document: doc('theirs') })).toBeNull();
    expect(backupToOffer(backup, { revision: 2, updatedAt: 1000, document: { edges: [], nodes: [], entry: 'a', name: 'mine', schemaVersion: 1 } })).toBeNull();
    expect(backupToOffer(null, { revision: 2, updatedAt: 1000, document: doc('x') })).toBeNull();
  });

  it('compares documents whatever their key order', () => {
    expect(stableJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });
});
