import type { ModelVersion } from './model-version.js';
import { ConcurrentUpdateError } from './registry-errors.js';
import { listVersionNumbers, readVersion } from './list-versions.js';
import { mapLimit } from './map-limit.js';
import type { RegistryStore } from './store/registry-store.js';
import { StoreConflictError } from './store/registry-store.js';
import { storeKeys } from './store-keys.js';

/** A claim older than this without a committed version belonged to a registration that died. */
export const STALE_CLAIM_MS = 60_000;
const POLL_MS = 50;

/** What a content claim holds: who is registering that content, and the version once committed. */
export interface ContentClaim {
  uploadId: string;
  claimedAt: string;
  version: number | null;
}

export type ClaimOutcome =
  { kind: 'owned'; etag: string } | { kind: 'registered'; version: ModelVersion };

/** The committed version whose bundle has this content hash, if any. */
export async function findByContent(
  store: RegistryStore,
  name: string,
  contentHash: string,
): Promise<ModelVersion | null> {
  const numbers = await listVersionNumbers(store, name);
  const versions = await mapLimit(numbers, 8, (n) => readVersion(store, name, n));
  return versions.find((v) => v?.contentHash === contentHash) ?? null;
}

/**
 * Claims a bundle's content for one registration (an exclusive create, on every store). The first
 * writer owns it and commits a version; everyone else waits for that version and gets it, so
 * twenty concurrent registrations of the same bundle give one version. A claim left by a process
 * that died before committing is taken over once it is `staleAfterMs` old.
 */
export async function claimContent(
  store: RegistryStore,
  name: string,
  contentHash: string,
  uploadId: string,
  options: { staleAfterMs?: number; waitMs?: number } = {},
): Promise<ClaimOutcome> {
  const key = storeKeys.contentClaim(name, contentHash);
  const staleAfterMs = options.staleAfterMs ?? STALE_CLAIM_MS;
  const deadline = Date.now() + (options.waitMs ?? staleAfterMs * 2);
  const claim = (): string =>
    `${JSON.stringify({ uploadId, claimedAt: new Date().toISOString(), version: null } satisfies ContentClaim)}\n`;
  let attempts = 1;
  for (;;) {
    const stored = await store.read(key);
    try {
      if (!stored)
        return { kind: 'owned', etag: await store.write(key, claim(), { ifNoneMatch: '*' }) };
      const held = JSON.parse(stored.data.toString('utf8')) as ContentClaim;
      const existing = await findByContent(store, name, contentHash);
      if (existing) return { kind: 'registered', version: existing };
      if (Date.now() - Date.parse(held.claimedAt) > staleAfterMs) {
        return { kind: 'owned', etag: await store.write(key, claim(), { ifMatch: stored.etag }) };
      }
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      // Another registration claimed (or took over) first: wait for its version.
    }
    if (Date.now() > deadline) throw new ConcurrentUpdateError(key, attempts);
    attempts += 1;
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}

/** Records the committed version in the claim (best effort: the versions are the truth). */
export async function settleClaim(
  store: RegistryStore,
  name: string,
  contentHash: string,
  claimed: { etag: string; uploadId: string; version: number },
): Promise<void> {
  const settled: ContentClaim = {
    uploadId: claimed.uploadId,
    claimedAt: new Date().toISOString(),
    version: claimed.version,
  };
  await store
    .write(storeKeys.contentClaim(name, contentHash), `${JSON.stringify(settled)}\n`, {
      ifMatch: claimed.etag,
    })
    .catch(() => undefined);
}
