/** How many checks and history events a rollout keeps. */
const KEEP = 100;

/** Appends `item`, dropping the oldest items past the last `KEEP` (checks, history). */
export function pushRecent<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > KEEP) list.splice(0, list.length - KEEP);
}
