import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TASKS } from '@modelship/core';
import { readParams, readTaskGateDefaults, readTaskLiveDefaults } from '@modelship/params';
import { parse } from 'yaml';
import { createTestContext, fixtureTemplate } from '../test/test-context.js';
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
      'npm install && npx modelship schema infer data/sales.csv --target y --task binary --out config/sales.schema.json && npm start',
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
      'more classes than --max-classes',
      'ref,amount,paid\nA,1,yes\nB,2,no\nC,3,partly\nD,4,later\n',
      'holds more than 3 distinct text values; a classification target has at most 3 classes (--max-classes)',
    ],
  ])(
    'with %s stops with exit 1 before creating or installing anything',
    async (_name, csv, problem) => {
      writeFileSync(join(test.cwd, 'bills.csv'), csv);
      const status = await run(
        ['app', '--data', 'bills.csv', '--target', 'paid', '--max-classes', '3', '--no-git'],
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
});

describe('a target of each task', () => {
  // The real README, whose quick start the example goes under.
  beforeEach(() => {
    test.cleanup();
    test = createTestContext({
      ...fixtureTemplate,
      'README.md': readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8'),
    });
  });
  // Rows of a user's CSV: an id, a feature, an ignored note with a gap, the target per task.
  const targets = {
    binary: ['yes', 'no', 'no', 'yes', 'no', 'yes'],
    multiclass: ['low', 'urgent', 'normal', 'low', 'normal', 'urgent'],
    regression: ['120.5', '98', '143.25', '110', '87.75', '131'],
  };
  const writeBills = (values: readonly string[]) =>
    writeFileSync(
      join(test.cwd, 'bills.csv'),
      `ref,amount,note,paid\n${values.map((v, i) => `B-${i},${i * 3 + 1},${i % 2 ? '' : 'x'},${v}`).join('\n')}\n`,
    );

  it.each(TASKS)(
    'writes task %s with its gate and ct.live defaults into a params.yaml the workspace accepts',
    async (task) => {
      writeBills(targets[task]);
      expect(await scaffold('app', '--data', 'bills.csv', '--target', 'paid')).toBe(0);
      const written = readParams(join(test.cwd, 'app'));
      expect(written.task).toBe(task);
      expect(written.gate).toEqual(readTaskGateDefaults(task));
      const live = readTaskLiveDefaults(task);
      if (task === 'regression') {
        // The errors of always predicting the mean of the six prices (mean 115.0833).
        expect(written.ct?.live).toEqual({ ...live, max_rmse: 18.89, max_mae: 16.5 });
      } else expect(written.ct?.live).toEqual(live);
    },
  );

  it.each([
    {
      task: 'binary',
      answer: { label: 'yes', probabilities: { yes: 0.8, no: 0.2 } },
    },
    {
      task: 'multiclass',
      answer: {
        label: 'low',
        probability: 0.8,
        probabilities: { low: 0.8, urgent: 0.1, normal: 0.1 },
      },
    },
    { task: 'regression', answer: { value: 120.5 } },
  ] as const)(
    'shows a $task request and answer in the README quick start',
    async ({ task, answer }) => {
      writeBills(targets[task]);
      expect(await scaffold('app', '--data', 'bills.csv', '--target', 'paid')).toBe(0);
      const readme = read('app/README.md');
      const start = readme.indexOf('## Quick start');
      const quickStart = readme.slice(start, readme.indexOf('\n## ', start));
      expect(quickStart).toContain(
        `On your data (\`data/bills.csv\`, target \`paid\`, task ${task}), \`npm start\` serves`,
      );
      expect(quickStart).toContain(`-d '{"ref":"B-0","amount":1,"note":"x"}'`);
      const json = /```json\n([\s\S]*?)\n```/.exec(quickStart)?.[1] ?? '';
      expect(JSON.parse(json)).toEqual({
        model: 'bills',
        version: '1',
        variant: 'stable',
        predictionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ...answer,
      });
    },
  );
});
