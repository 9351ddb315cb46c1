// The Nx graph tells the truth: `nx affected` in CI runs the tests a change can break, including
// those that reach another project through a spawned process (serving's fixture trains through
// the training CLI; the lifecycle demo starts both) or read a root file (params.yaml).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const WORKSPACE_ROOT = join(import.meta.dirname, '../../../..');

async function listAffected(file: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      join(WORKSPACE_ROOT, 'node_modules/.bin/nx'),
      'show',
      'projects',
      '--affected',
      `--files=${file}`,
      '--json',
    ],
    { cwd: WORKSPACE_ROOT, env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' } },
  );
  return JSON.parse(stdout.slice(stdout.indexOf('['))) as string[];
}

describe('nx affected', () => {
  it.each([
    ['apps/training/src/cli.ts', ['training', 'serving', 'lifecycle-demo', 'delivery-checks']],
    ['params.yaml', ['training', 'serving', 'lifecycle-demo']],
    ['apps/serving/src/main.ts', ['serving', 'lifecycle-demo', 'delivery-checks']],
    ['libs/core/src/index.ts', ['core', 'training', 'serving', 'lifecycle-demo']],
  ])(
    'a change to %s includes %j',
    async (file, expected) => {
      expect(await listAffected(file)).toEqual(expect.arrayContaining(expected));
    },
    60_000,
  );

  it('leaves out projects a change cannot reach', async () => {
    const affected = await listAffected('libs/core/src/index.ts');
    expect(affected).not.toContain('lint-rules');
    expect(affected).not.toContain('charts');
    expect(affected).not.toContain('repo-checks');
  }, 60_000);

  it('lints every project again when a workspace lint rule changes', async () => {
    expect(await listAffected('tools/lint-rules/src/no-import-cycle.mjs')).toEqual(
      expect.arrayContaining(['core', 'serving', 'training']),
    );
  }, 60_000);
});
