import { listModelNames, listVersionNumbers, readVersion } from './list-versions.js';
import type { RegistryStore } from './store/registry-store.js';
import { storeKeys } from './store-keys.js';

export interface GarbageReport {
  /** Upload folders no version references (crashed or refused registrations), removed unless dryRun. */
  removed: { name: string; uploadId: string; bytes: number }[];
  /** Content claims whose registration never committed a version, removed unless dryRun. */
  removedClaims: { name: string; contentHash: string }[];
}

/**
 * Removes uploads that no committed version references, and content claims no committed version
 * settled, when older than `olderThanMs` (default one hour, so registrations in flight are never
 * touched).
 */
export async function collectGarbage(
  store: RegistryStore,
  options: { olderThanMs?: number; dryRun?: boolean } = {},
): Promise<GarbageReport> {
  const cutoff = Date.now() - (options.olderThanMs ?? 3_600_000);
  const removed: GarbageReport['removed'] = [];
  const removedClaims: GarbageReport['removedClaims'] = [];
  for (const name of await listModelNames(store)) {
    const referenced = new Set<string>();
    const contents = new Set<string>();
    for (const n of await listVersionNumbers(store, name)) {
      const version = await readVersion(store, name, n);
      if (version) referenced.add(version.uploadId);
      if (version) contents.add(version.contentHash);
    }
    for (const claim of await store.list(storeKeys.contentClaims(name))) {
      const contentHash = claim.key.slice(claim.key.lastIndexOf('/') + 1).replace(/\.json$/, '');
      if (contents.has(contentHash) || claim.lastModified.getTime() > cutoff) continue;
      removedClaims.push({ name, contentHash });
      if (!options.dryRun) await store.removeAll(claim.key);
    }
    for (const uploadId of await store.listChildren(storeKeys.uploads(name))) {
      if (referenced.has(uploadId)) continue;
      const objects = await store.list(storeKeys.upload(name, uploadId));
      if (objects.some((o) => o.lastModified.getTime() > cutoff)) continue;
      removed.push({ name, uploadId, bytes: objects.reduce((sum, o) => sum + o.size, 0) });
      if (!options.dryRun) await store.removeAll(storeKeys.upload(name, uploadId));
    }
  }
  return { removed, removedClaims };
}
