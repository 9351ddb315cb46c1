import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createTestContext } from '../test/test-context.js';
import { run } from './index.js';

let test: ReturnType<typeof createTestContext>;
beforeEach(() => {
  test = createTestContext();
});
afterEach(() => test.cleanup());

const scaffold = (...argv: string[]) => run([...argv, '--no-install', '--no-git'], test.context);
const read = (path: string) => readFileSync(join(test.cwd, path), 'utf8');
const params = (app: string) => parse(read(`${app}/params.yaml`));

describe('a scaffold with the defaults', () => {
  it('copies the workspace, restores dot files and renames the scope', async () => {
    expect(await scaffold('my-app')).toBe(0);
    const files = readdirSync(join(test.cwd, 'my-app'));
    expect(files).toEqual(
      expect.arrayContaining(['.gitignore', '.npmrc', '.github', 'azure-pipelines.yml']),
    );
    expect(files.filter((name) => name.startsWith('_'))).toEqual([]);
    expect(JSON.parse(read('my-app/apps/training/package.json')).name).toBe('@my-app/training');
    expect(params('my-app').registry.url).toBe('file:.modelship/registry');
    expect(params('my-app').data.sample).toBeDefined();
  });

  it('prints the quick-start commands and the CI variables to set', async () => {
    await scaffold('my-app');
    const steps = test.log.lines.find((line) => line.startsWith('note Next steps'));
    expect(steps).toMatchInlineSnapshot(`
      "note Next steps: cd my-app
      npm install && npm start
      npm test

      GitHub Actions: set in Settings > Secrets and variables > Actions: AZURE_CLIENT_ID, REGISTRY_PASSWORD
      Azure Pipelines: set in Pipelines > Library (a variable group): AZURE_WEBAPP_NAME
      Azure names: resource group rg-my-app, web app app-my-app, registry acrmyapp, storage stmyapp."
    `);
  });
});

describe.each([
  ['github', true, false],
  ['azure', false, true],
  ['both', true, true],
  ['none', false, false],
])('--ci %s', (ci, github, azure) => {
  it(`keeps GitHub Actions: ${github}, Azure Pipelines: ${azure}`, async () => {
    expect(await scaffold('app', '--ci', ci)).toBe(0);
    expect([
      existsSync(join(test.cwd, 'app/.github')),
      existsSync(join(test.cwd, 'app/azure-pipelines.yml')),
    ]).toEqual([github, azure]);
  });
});

describe('--registry azblob', () => {
  it('points the registry at the storage account', async () => {
    await scaffold('app', '--registry', 'azblob', '--storage-account', 'stfoo');
    expect(params('app').registry.url).toBe('azblob://stfoo/models');
  });
});

describe('--data and --target', () => {
  it('brings the CSV, versions it and points params.yaml at it, keeping comments', async () => {
    writeFileSync(join(test.cwd, 'sales.csv'), 'id,x,y\n1,2,yes\n2,3,no\n');
    expect(await scaffold('app', '--data', 'sales.csv', '--target', 'y')).toBe(0);
    expect(read('app/data/sales.csv')).toBe('id,x,y\n1,2,yes\n2,3,no\n');
    const { data, model } = params('app');
    expect(data).toEqual({
      path: 'data/sales.csv',
      dvc: 'data.dvc',
      schema: 'config/sales.schema.json',
      target: 'y',
    });
    expect(model.name).toBe('sales');
    expect(read('app/params.yaml')).toContain('# The pipeline');
    expect(parse(read('app/data.dvc'))).toEqual({
      outs: [
        {
          // DVC 3's directory hash: md5 of [{"md5": <file md5>, "relpath": "sales.csv"}].
          md5: '734ae88f45936542693f5bc0c4597d63.dir',
          size: 22,
          nfiles: 1,
          hash: 'md5',
          path: 'data',
        },
      ],
    });
    const steps = test.log.lines.find((line) => line.startsWith('note Next steps'));
    expect(steps).toContain(
      'npm install && npx modelship schema infer data/sales.csv --target y --out config/sales.schema.json && npm start',
    );
  });
});

describe('never overwrites', () => {
  it('refuses a non-empty folder and touches nothing in it', async () => {
    mkdirSync(join(test.cwd, 'taken'));
    writeFileSync(join(test.cwd, 'taken', 'package.json'), 'mine');
    expect(await scaffold('taken')).toBe(1);
    expect(readdirSync(join(test.cwd, 'taken'))).toEqual(['package.json']);
    expect(read('taken/package.json')).toBe('mine');
    expect(test.log.lines.at(-1)).toMatch(/^error: Invalid --directory ".*taken": .* is not empty/);
  });

  it('fills an existing empty folder', async () => {
    mkdirSync(join(test.cwd, 'empty'));
    expect(await scaffold('empty')).toBe(0);
    expect(existsSync(join(test.cwd, 'empty/params.yaml'))).toBe(true);
  });
});

describe('git', () => {
  it('initialises a repository on main with one commit', async () => {
    test.context.env = {
      PATH: process.env['PATH'],
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: test.base,
    };
    expect(await run(['app', '--yes', '--no-install'], test.context)).toBe(0);
    expect(read('app/.git/HEAD').trim()).toBe('ref: refs/heads/main');
    expect(existsSync(join(test.cwd, 'app/.git/refs/heads/main'))).toBe(true);
  });
});

describe('an unusable target', () => {
  it.each([
    [
      'one class',
      'ref,amount,paid\nA,1,yes\nB,2,yes\nC,3,\n',
      'holds one value, "yes", on every row with a value',
    ],
    ['a missing target', 'ref,amount,paid\nA,1,NA\nB,2,\n', 'is empty on every row (2 rows)'],
    [
      'three classes',
      'ref,amount,paid\nA,1,yes\nB,2,no\nC,3,partly\n',
      'is a multiclass target (3 distinct text values: "yes", "no", "partly"); not supported yet: task multiclass',
    ],
    [
      'a numeric target',
      'ref,amount,paid\nA,1,0.5\nB,2,1.25\nC,3,7.5\n',
      'is a regression target (numbers with a fractional part); not supported yet: task regression',
    ],
  ])(
    'with %s stops with exit 1 before creating or installing anything',
    async (_name, csv, problem) => {
      writeFileSync(join(test.cwd, 'bills.csv'), csv);
      const status = await run(
        ['app', '--data', 'bills.csv', '--target', 'paid', '--no-git'],
        test.context,
      );
      expect(status).toBe(1);
      expect(existsSync(join(test.cwd, 'app'))).toBe(false);
      expect(test.log.lines.some((line) => line.startsWith('start: Installing'))).toBe(false);
      expect(test.log.lines.at(-1)).toContain(
        `error: Invalid --target "paid": column "paid" of bills.csv ${problem}`,
      );
    },
  );

  it('writes the task of an accepted target into params.yaml', async () => {
    writeFileSync(join(test.cwd, 'bills.csv'), 'ref,amount,paid\nA,1,yes\nB,2,no\n');
    expect(await scaffold('app', '--data', 'bills.csv', '--target', 'paid')).toBe(0);
    expect(params('app').task).toBe('binary');
  });
});
