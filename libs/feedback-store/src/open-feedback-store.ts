import { DEFAULT_FEEDBACK_STORE_URL } from '@modelship/params';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidFeedbackStoreUrlError } from './feedback-store-error.js';
import type { FeedbackStore } from './feedback-store.js';
import { FileFeedbackStore, type FeedbackWarning } from './file-feedback-store.js';

/** The default store: a git-ignored folder inside the workspace. */
export { DEFAULT_FEEDBACK_STORE_URL };

/** Options of `openFeedbackStore`. */
export interface OpenFeedbackStoreOptions {
  /** Receives warnings (torn lines); defaults to `process.emitWarning`. */
  onWarning?: FeedbackWarning;
}

/**
 * Opens the store a URL names (`file:<folder>`, relative to `root`, the workspace root) without
 * touching the disk; the folder is created on the first append.
 * @example openFeedbackStore('file:.modelship/feedback', findWorkspaceRoot())
 */
export function openFeedbackStore(
  url: string,
  root: string,
  options: OpenFeedbackStoreOptions = {},
): FeedbackStore {
  const trimmed = url.trim();
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(trimmed);
  if (!match) throw new InvalidFeedbackStoreUrlError(url, 'it has no scheme');
  const [, rawScheme = '', rest = ''] = match;
  const scheme = rawScheme.toLowerCase();
  const opener = STORES[scheme];
  if (!opener) {
    const supported = Object.keys(STORES).map((name) => `${name}:`);
    throw new InvalidFeedbackStoreUrlError(
      url,
      `the scheme "${scheme}:" is not supported (supported: ${supported.join(', ')})`,
    );
  }
  return opener(trimmed, rest, root, options.onWarning ?? emitWarning);
}

// --- internal ---

type StoreOpener = (
  url: string,
  rest: string,
  root: string,
  warn: FeedbackWarning,
) => FeedbackStore;

/** One line per storage backend, keyed by URL scheme. */
const STORES: Record<string, StoreOpener> = {
  file: openFileStore,
};

function openFileStore(
  url: string,
  rest: string,
  root: string,
  warn: FeedbackWarning,
): FeedbackStore {
  const path = rest.startsWith('//') ? fileURLToPath(url) : rest;
  if (path === '') throw new InvalidFeedbackStoreUrlError(url, 'the path is empty');
  return new FileFeedbackStore(isAbsolute(path) ? path : resolve(root, path), warn);
}

function emitWarning(message: string): void {
  process.emitWarning(message, { code: 'MODELSHIP_FEEDBACK_STORE' });
}
