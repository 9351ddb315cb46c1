import type { TransitionEvent } from './model-version.js';
import { listVersions } from './list-versions.js';
import { readModelState } from './model-state.js';
import type { RegistryStore } from './store/registry-store.js';

/** Every registration and transition of a model, oldest first. */
export async function readHistory(store: RegistryStore, name: string): Promise<TransitionEvent[]> {
  const [versions, state] = await Promise.all([
    listVersions(store, name),
    readModelState(store, name),
  ]);
  const registrations: TransitionEvent[] = versions.map((v) => ({
    at: v.registeredAt,
    by: v.registeredBy,
    reason: v.reason,
    action: 'register',
    version: v.version,
    from: 'none',
    to: 'none',
  }));
  return [...registrations, ...state.history].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
  );
}
