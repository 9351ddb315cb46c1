import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npxModelship } from '../testing/npx-modelship.js';

// Other names and shapes than the sample: a text priority of 3 classes and an hourly duration.
const rows = Array.from(
  { length: 60 },
  (_, i) =>
    `T${i},${['web', 'phone', ''][i % 3]},${['low', 'normal', 'high'][i % 3]},${(0.5 + i * 0.75).toFixed(2)}`,
);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-schema-infer-'));
  await writeFile(join(root, 'tickets.csv'), `ticket,channel,priority,hours\n${rows.join('\n')}\n`);
  await writeFile(
    join(root, 'params.yaml'),
    [
      'data: { path: tickets.csv, dvc: data.dvc, schema: schema.json, target: priority }',
      'split: { test: 0.2, validation: 0.1, seed: 1, stratify: true }',
      'model: { name: m, seed: 1 }',
      'gate: { metric: roc_auc, margin: 0 }',
    ].join('\n'),
  );
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const modelship = (...args: string[]) =>
  npxModelship(['schema', 'infer', ...args], { env: { MODELSHIP_ROOT: root } });

describe('modelship schema infer --task', () => {
  it('proposes the task, says which rule chose it and writes it into the schema', async () => {
    const run = modelship(
      join(root, 'tickets.csv'),
      '--target',
      'priority',
      '--out',
      join(root, 's.json'),
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      'task multiclass: the target holds 3 distinct text values (3 to 50 classes)',
    );
    expect(run.stderr).toContain('params.yaml declares task binary: set `task: multiclass` there');
    const schema = JSON.parse(await readFile(join(root, 's.json'), 'utf8'));
    expect(schema.target).toEqual({ column: 'priority', kind: 'multiclass' });
  });

  it('proposes regression for a duration and takes an override the values allow', () => {
    const proposed = modelship(join(root, 'tickets.csv'), '--target', 'hours');
    expect(proposed.status).toBe(0);
    expect(proposed.stderr).toContain(
      'task regression: the target holds numbers with a fractional part',
    );
    expect(JSON.parse(proposed.stdout).target).toEqual({ column: 'hours', kind: 'numeric' });
  });

  it.each([
    [
      ['--task', 'binary'],
      'task binary contradicts target "priority": a binary target holds exactly 2 values, this one holds 3 distinct values. Fix: use task multiclass',
    ],
    [
      ['--task', 'regression'],
      'task regression contradicts target "priority": it holds values that are not numbers',
    ],
    [['--task', 'classes'], '--task must be one of binary, multiclass, regression, got "classes"'],
    [['--max-classes', '2'], 'target "priority" holds more than 2 distinct text values'],
  ])('exits 2 on %j with one line naming the fix', (flags, message) => {
    const run = modelship(join(root, 'tickets.csv'), '--target', 'priority', ...flags);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
