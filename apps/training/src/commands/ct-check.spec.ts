import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createCtWorkspace, type CtWorkspace } from '@modelship/continuous-training/testing';

const CLI = resolve(import.meta.dirname, '../cli.ts');

let ws: CtWorkspace;
beforeEach(async () => {
  ws = await createCtWorkspace();
});
afterEach(() => ws.cleanup());

describe('modelship ct-check', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, 'ct-check', ...args], {
      env: { ...process.env, MODELSHIP_ROOT: ws.root, MODEL_REGISTRY: '', ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('exits 3 when a trigger fired, 0 when none did, and writes $GITHUB_OUTPUT', async () => {
    const output = join(ws.root, 'github-output');
    const fired = await run([], { GITHUB_OUTPUT: output });
    expect(fired.code).toBe(3);
    expect(fired.stdout).toMatch(/schedule +FIRED +n\/a +> 30 +no production model: train one/);
    expect(readFileSync(output, 'utf8')).toBe('retrain=true\ntriggers=schedule\n');

    await ws.promoteSampleBundle(1);
    const quiet = await run(['--json']);
    expect(quiet.code).toBe(0);
    expect(JSON.parse(quiet.stdout)).toMatchObject({ retrain: false, fired: [] });
  }, 60_000);

  it('exits 2 naming the URL when the service cannot be reached', async () => {
    const result = await run(['--service-url', 'http://127.0.0.1:9']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^modelship ct-check: cannot scrape http:\/\/127\.0\.0\.1:9\/metrics/,
    );
  }, 60_000);
});
