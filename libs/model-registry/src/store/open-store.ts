import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidRegistryUrlError } from '../registry-errors.js';
import { FileStore } from './file-store.js';
import type { OpenStoreOptions } from './open-store-options.js';
import type { RegistryStore } from './registry-store.js';

type StoreOpener = (url: string, rest: string, options: OpenStoreOptions) => Promise<RegistryStore>;

/** One line per storage backend, keyed by URL scheme; SDKs load only when their scheme is used. */
const STORES: Record<string, StoreOpener> = {
  file: async (...args) => openFileStore(...args),
  azblob: async (...args) =>
    (await import('./open-azure-blob-store.js')).openAzureBlobStore(...args),
};

/** Opens the store a registry URL names (without touching it; call `probe()` to check it). */
export async function openStore(url: string, options: OpenStoreOptions): Promise<RegistryStore> {
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(url.trim());
  if (!match) throw new InvalidRegistryUrlError(url, 'it has no scheme');
  const [, rawScheme = '', rest = ''] = match;
  const scheme = rawScheme.toLowerCase();
  const opener = STORES[scheme];
  if (!opener) {
    throw new InvalidRegistryUrlError(
      url,
      `the scheme ${JSON.stringify(`${scheme}:`)} is not supported (supported: ${Object.keys(STORES)
        .map((s) => `${s}:`)
        .join(', ')})`,
    );
  }
  return opener(url.trim(), rest, options);
}

function openFileStore(url: string, rest: string, options: OpenStoreOptions): RegistryStore {
  const path = rest.startsWith('//') ? fileURLToPath(url) : rest;
  if (path === '') throw new InvalidRegistryUrlError(url, 'the path is empty');
  return new FileStore(url, isAbsolute(path) ? path : resolve(options.root, path));
}
