import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenStoreOptions } from '../store/open-store-options.js';
import { AZURITE_ACCOUNT } from './start-azurite.js';

export type StoreKind = 'file' | 'azblob';
export const STORE_KINDS: StoreKind[] = ['file', 'azblob'];

/**
 * A fresh, empty registry location of the given kind: a new folder under `parentDir` (which the
 * caller removes) or a new Azurite container.
 */
export async function newRegistryLocation(
  kind: StoreKind,
  connectionString: string | undefined,
  parentDir: string = tmpdir(),
): Promise<{ url: string; options: Partial<OpenStoreOptions> }> {
  if (kind === 'file')
    return { url: `file:${await mkdtemp(join(parentDir, 'registry-'))}`, options: {} };
  return {
    url: `azblob://${AZURITE_ACCOUNT}/registry-${randomUUID().slice(0, 8)}/team-a`,
    options: { azureConnectionString: connectionString },
  };
}
