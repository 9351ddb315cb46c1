import { ConcurrentUpdateError } from './registry-errors.js';
import type { ModelState, Stage, TransitionEvent } from './model-version.js';
import type { RegistryStore } from './store/registry-store.js';
import { StoreConflictError } from './store/registry-store.js';
import { storeKeys } from './store-keys.js';

const MAX_ATTEMPTS = 50;

function emptyState(name: string): ModelState {
  return { name, revision: 0, stages: {}, aliases: {}, productionHistory: [], history: [] };
}

export async function readModelState(store: RegistryStore, name: string): Promise<ModelState> {
  const stored = await store.read(storeKeys.state(name));
  return stored ? (JSON.parse(stored.data.toString('utf8')) as ModelState) : emptyState(name);
}

export function stageOf(state: ModelState, version: number): Stage {
  return state.stages[String(version)] ?? 'none';
}

export function productionVersion(state: ModelState): number | null {
  const entry = Object.entries(state.stages).find(([, stage]) => stage === 'production');
  return entry ? Number(entry[0]) : null;
}

/**
 * Applies `change` to the model's state with optimistic concurrency: read with its etag, change a
 * copy, write with ifMatch (ifNoneMatch for the first write), and start over when another writer
 * got there first. `change` may throw to refuse the transition; it must not have side effects.
 */
export async function updateModelState(
  store: RegistryStore,
  name: string,
  change: (state: ModelState) => TransitionEvent[],
): Promise<{ state: ModelState; events: TransitionEvent[]; retries: number }> {
  const key = storeKeys.state(name);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const stored = await store.read(key);
    const state = stored
      ? (JSON.parse(stored.data.toString('utf8')) as ModelState)
      : emptyState(name);
    const events = change(state);
    state.revision += 1;
    state.history.push(...events);
    try {
      await store.write(
        key,
        `${JSON.stringify(state, null, 2)}\n`,
        stored ? { ifMatch: stored.etag } : { ifNoneMatch: '*' },
      );
      return { state, events, retries: attempt };
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      await new Promise((done) => setTimeout(done, Math.random() * 20 * (attempt + 1)));
    }
  }
  throw new ConcurrentUpdateError(key, MAX_ATTEMPTS);
}
