import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSampleBundle } from '@modelship/model-bundle/testing';
import { findWorkspaceRoot } from './workspace-root.js';
import { azuriteConnectionString, findFreePort } from './testing/start-azurite.js';

const cli = join(import.meta.dirname, 'cli.ts');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'registry-cli-'));
  await writeFile(join(work, 'params.yaml'), 'registry:\n  url: file:store\n');
  await writeSampleBundle(join(work, 'b1'), { seed: 1, weightsKb: 4 });
  await writeSampleBundle(join(work, 'b2'), { seed: 2, weightsKb: 4 });
});
afterAll(() => rm(work, { recursive: true, force: true }));

/**
 * Runs the real CLI in a child process, with the temp folder as workspace root (its params.yaml
 * names file:store); the process runs from this repository so `--import tsx` resolves.
 */
function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', cli, ...args],
      {
        cwd: findWorkspaceRoot(import.meta.dirname),
        env: { ...process.env, MODELSHIP_ROOT: work, GITHUB_ACTOR: 'ci-bot', ...env },
      },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('registers, promotes and lists through the CLI with the registry from params.yaml', async () => {
  expect((await run(['register', join(work, 'b1'), '--reason', 'first'])).stdout).toMatch(
    /^Registered churn v1 in file:store\./,
  );
  expect((await run(['register', join(work, 'b2')])).code).toBe(0);
  expect((await run(['promote', 'churn', '2', 'production'])).code).toBe(0);
  const listed = await run(['--json', 'list', 'churn']);
  expect(listed.code).toBe(0);
  const versions = JSON.parse(listed.stdout) as {
    version: number;
    stage: string;
    registeredBy: string;
  }[];
  expect(versions.map((v) => [v.version, v.stage, v.registeredBy])).toEqual([
    [1, 'none', 'ci-bot'],
    [2, 'production', 'ci-bot'],
  ]);
  const table = await run(['list']);
  expect(table.stdout).toMatchInlineSnapshot(`
    "MODEL  LATEST  PRODUCTION  VERSIONS
    churn  2       2           2
    "
  `);
}, 120_000);

test.each([
  ['1 when the bundle is already registered', ['register', '<work>/b1'], 1],
  ['2 for a stage that does not exist', ['promote', 'churn', '1', 'prod'], 2],
  ['2 for an unknown command', ['bogus'], 2],
  ['3 for an unknown model', ['show', 'fraud', '1'], 3],
  [
    '4 when the store cannot be reached',
    ['list', '--registry', 'azblob://devstoreaccount1/models'],
    4,
  ],
])(
  'exits with %s, printing one line',
  async (_case, args, code) => {
    const port = await findFreePort();
    const result = await run(
      args.map((arg) => arg.replace('<work>', work)),
      {
        AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(port),
      },
    );
    expect(result.code).toBe(code);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: /)]);
  },
  60_000,
);
