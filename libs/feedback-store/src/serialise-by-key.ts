/**
 * Runs tasks one after another per key (a file path), across every store instance in the process,
 * so two appends never interleave their bytes and a reader waits for appends already queued.
 */
export function serialiseByKey<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const result = previous.then(task);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return result;
}

/** Resolves once every task queued for `key` so far has settled. */
export function waitForKey(key: string): Promise<void> {
  return tails.get(key) ?? Promise.resolve();
}

// --- internal ---

const tails = new Map<string, Promise<void>>();
