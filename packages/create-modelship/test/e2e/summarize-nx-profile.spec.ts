import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProjectTimes, summarizeNxProfile } from './summarize-nx-profile.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nx-profile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The shape Nx's TaskProfilingLifeCycle writes for NX_PROFILE: one "X" event per task.
const task = (project: string, target: string, seconds: number, status: string) => ({
  name: `${project}:${target}`,
  ph: 'X',
  ts: 0,
  dur: seconds * 1e6,
  pid: 1,
  tid: 0,
  args: { target: { project, target }, status },
});

describe('summarizeNxProfile', () => {
  it('adds up each project’s tasks, slowest project first, telling ran from replayed', () => {
    const file = join(dir, 'profile.json');
    writeFileSync(
      file,
      JSON.stringify([
        { name: 'thread_name', ph: 'M', pid: 1, tid: 0, ts: 0, args: { name: 'Group #1' } },
        task('core', 'lint', 2, 'local-cache'),
        task('serving', 'test', 90, 'success'),
        task('serving', 'lint', 10.5, 'success'),
        task('core', 'test', 3, 'local-cache-kept-existing'),
      ]),
    );
    const times = summarizeNxProfile(file);
    expect(times).toEqual([
      { project: 'serving', seconds: 100.5, ran: 2, cached: 0 },
      { project: 'core', seconds: 5, ran: 0, cached: 2 },
    ]);
    expect(formatProjectTimes(times)).toBe('serving 100.5 s (2 ran), core 5.0 s (0 ran, 2 cached)');
  });

  it('has nothing to say without a profile', () => {
    expect(summarizeNxProfile(join(dir, 'absent.json'))).toEqual([]);
  });
});
