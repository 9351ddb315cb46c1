import { existsSync, readFileSync } from 'node:fs';

interface ProfileEvent {
  ph: string;
  dur?: number;
  args?: { target?: { project?: string; target?: string }; status?: string };
}

/** One project's share of an `nx run-many` (lint, typecheck, test), from Nx's task profile. */
export interface ProjectTime {
  project: string;
  seconds: number;
  /** Tasks of the project Nx ran, and those it replayed from the cache. */
  ran: number;
  cached: number;
}

/**
 * Where an `nx run-many` spent its time, per project, slowest first, from the Chrome-trace file
 * Nx writes when `NX_PROFILE` names one (relative to the workspace root). Empty when there is no
 * such file.
 */
export function summarizeNxProfile(file: string): ProjectTime[] {
  if (!existsSync(file)) return [];
  const events = JSON.parse(readFileSync(file, 'utf8')) as ProfileEvent[];
  const byProject = new Map<string, ProjectTime>();
  for (const event of events) {
    const project = event.args?.target?.project;
    if (event.ph !== 'X' || project === undefined) continue;
    const entry = byProject.get(project) ?? { project, seconds: 0, ran: 0, cached: 0 };
    entry.seconds += (event.dur ?? 0) / 1e6;
    if (/cache/.test(event.args?.status ?? '')) entry.cached += 1;
    else entry.ran += 1;
    byProject.set(project, entry);
  }
  return [...byProject.values()].sort((a, b) => b.seconds - a.seconds);
}

/** `training 151.2 s (3 ran), serving 98.0 s (2 ran, 1 cached), ...` */
export function formatProjectTimes(times: readonly ProjectTime[]): string {
  return times
    .map(
      ({ project, seconds, ran, cached }) =>
        `${project} ${seconds.toFixed(1)} s (${ran} ran${cached > 0 ? `, ${cached} cached` : ''})`,
    )
    .join(', ');
}
