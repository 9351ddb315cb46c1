import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BundleMetadata } from '@modelship/model-bundle';
import { BUNDLE_FILES, computeContentHash, hashFile, verifyBundle } from '@modelship/model-bundle';
import { detectCiBuild, detectGit, readRegistryVersion, resolveActor } from './build-info.js';
import {
  ConcurrentUpdateError,
  DuplicateBundleError,
  InvalidInputError,
} from './registry-errors.js';
import type { ModelVersion } from './model-version.js';
import { REGISTRY_FORMAT_VERSION } from './model-version.js';
import { listVersionNumbers } from './list-versions.js';
import type { RegistryStore } from './store/registry-store.js';
import { StoreConflictError } from './store/registry-store.js';
import { storeKeys } from './store-keys.js';
import { mapLimit } from './map-limit.js';
import { claimContent, findByContent, settleClaim } from './claim-content.js';

const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/i;
const MAX_COMMIT_ATTEMPTS = 200;

export interface RegisterOptions {
  /** Registry name of the model; defaults to the bundle's metadata.name. */
  name?: string;
  registeredBy?: string;
  reason?: string;
  /** Return the existing version instead of throwing DuplicateBundleError when the bundle is known. */
  allowExisting?: boolean;
  /** How long a content claim without a version counts as live (tests shorten it). */
  claim?: { staleAfterMs?: number; waitMs?: number };
}

export interface RegisterResult {
  version: ModelVersion;
  /** False when the bundle was already registered and `allowExisting` returned that version. */
  created: boolean;
  /** Commits lost to concurrent writers before this one won a version number. */
  retries: number;
}

export function assertModelName(name: string): void {
  if (!MODEL_NAME.test(name)) {
    throw new InvalidInputError(
      name,
      `Model name ${JSON.stringify(name)} is invalid: use 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit.`,
    );
  }
}

/**
 * Verifies a bundle folder, uploads its files under a unique folder, claims the bundle's content
 * hash, then commits the next version number with an exclusive create. Until that commit nothing
 * is visible; a lost race re-reads the versions and tries the next free number, so concurrent
 * registrations of different bundles all get distinct versions, while concurrent registrations of
 * the same bundle (same sha256 for every file) give one version: the others get it back with
 * `allowExisting`, or DuplicateBundleError as a second registration would.
 */
export async function registerModel(
  store: RegistryStore,
  bundleDir: string,
  options: RegisterOptions = {},
): Promise<RegisterResult> {
  if (options.name !== undefined) assertModelName(options.name);
  const metadata = await verifyBundle(bundleDir);
  const name = options.name ?? metadata.name;
  assertModelName(name);
  const contentHash = computeContentHash(metadata.files);
  const existing = await findByContent(store, name, contentHash);
  if (existing) {
    if (options.allowExisting) return { version: existing, created: false, retries: 0 };
    throw new DuplicateBundleError(name, existing.version, contentHash);
  }

  const uploadId = `${Date.now().toString(36)}-${randomUUID()}`;
  const files = {
    ...metadata.files,
    [BUNDLE_FILES.metadata]: await hashFile(join(bundleDir, BUNDLE_FILES.metadata)),
  };
  await mapLimit(Object.keys(files), 4, (path) =>
    store.uploadFile(
      `${storeKeys.upload(name, uploadId)}${path}`,
      join(bundleDir, ...path.split('/')),
    ),
  );

  const claim = await claimContent(store, name, contentHash, uploadId, options.claim);
  if (claim.kind === 'registered') {
    // A concurrent registration of the same bundle won: ours is not needed.
    await store.removeAll(storeKeys.upload(name, uploadId));
    if (options.allowExisting) return { version: claim.version, created: false, retries: 0 };
    throw new DuplicateBundleError(name, claim.version.version, contentHash);
  }

  try {
    return await commitVersion(
      store,
      describeVersion(metadata, { name, uploadId, contentHash, files, options }),
      claim.etag,
    );
  } catch (error) {
    // Release the claim so that retrying the same bundle does not wait for it to go stale.
    await store.removeAll(storeKeys.contentClaim(name, contentHash)).catch(() => undefined);
    throw error;
  }
}

/** Commits the next free version number for the manifest, re-listing after each lost race. */
async function commitVersion(
  store: RegistryStore,
  manifest: Omit<ModelVersion, 'version'>,
  claimEtag: string,
): Promise<RegisterResult> {
  const { name, uploadId, contentHash } = manifest;
  for (let retries = 0; retries < MAX_COMMIT_ATTEMPTS; retries += 1) {
    // Re-listing after a lost race jumps past every version committed meanwhile.
    const next = ((await listVersionNumbers(store, name)).at(-1) ?? 0) + 1;
    const version: ModelVersion = { ...manifest, version: next };
    try {
      await store.write(storeKeys.version(name, next), `${JSON.stringify(version, null, 2)}\n`, {
        ifNoneMatch: '*',
      });
      await settleClaim(store, name, contentHash, { etag: claimEtag, uploadId, version: next });
      return { version, created: true, retries };
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      // Jitter spreads writers that lost together, so they do not all race for the same number again.
      await new Promise((done) => setTimeout(done, Math.random() * 5 * (retries + 1)));
    }
  }
  throw new ConcurrentUpdateError(storeKeys.versions(name), MAX_COMMIT_ATTEMPTS);
}

function describeVersion(
  metadata: BundleMetadata,
  extra: {
    name: string;
    uploadId: string;
    contentHash: string;
    files: ModelVersion['files'];
    options: RegisterOptions;
  },
): Omit<ModelVersion, 'version'> {
  return {
    registryFormat: REGISTRY_FORMAT_VERSION,
    name: extra.name,
    registeredAt: new Date().toISOString(),
    registeredBy: resolveActor(extra.options.registeredBy),
    reason: extra.options.reason ?? null,
    contentHash: extra.contentHash,
    uploadId: extra.uploadId,
    files: extra.files,
    bundleCreatedAt: metadata.createdAt,
    params: metadata.params,
    metrics: metadata.metrics,
    data: metadata.data,
    git: metadata.git?.commit ? metadata.git : detectGit(process.cwd()),
    ci: detectCiBuild(),
    backend: metadata.backend,
    libraries: {
      ...metadata.libraries,
      node: metadata.libraries?.['node'] ?? process.versions.node,
      '@modelship/model-registry': readRegistryVersion(),
    },
    gate: metadata.gate,
  };
}
