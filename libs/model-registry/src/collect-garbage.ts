import { listModelNames, listVersionNumbers, readVersion } from './list-versions.js';
import type { RegistryStore } from './store/registry-store.js';
import { storeKeys } from './store-keys.js';

export interface GarbageReport {
  /** Upload folders no version references (crashed or refused registrations), removed unless dryRun. */
  removed: { name: string; uploadId: string; bytes: number }[];
}

/**
 * Removes uploads that no committed version references and that are older than `olderThanMs`
 * (default one hour, so registrations in flight are never touched).
 */
export async function collectGarbage(
  store: RegistryStore,
  options: { olderThanMs?: number; dryRun?: boolean } = {},
): Promise<GarbageReport> {
  const cutoff = Date.now() - (options.olderThanMs ?? 3_600_000);
  const removed: GarbageReport['removed'] = [];
  for (const name of await listModelNames(store)) {
    const referenced = new Set<string>();
    for (const n of await listVersionNumbers(store, name)) {
      const version = await readVersion(store, name, n);
      if (version) referenced.add(version.uploadId);
    }
    for (const uploadId of await store.listChildren(storeKeys.uploads(name))) {
      if (referenced.has(uploadId)) continue;
      const objects = await store.list(storeKeys.upload(name, uploadId));
      if (objects.some((o) => o.lastModified.getTime() > cutoff)) continue;
      removed.push({ name, uploadId, bytes: objects.reduce((sum, o) => sum + o.size, 0) });
      if (!options.dryRun) await store.removeAll(storeKeys.upload(name, uploadId));
    }
  }
  return { removed };
}
