import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import { npxModelship } from '../testing/npx-modelship.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-train-cli-'));
  const { csvPath, schemaPath } = await writeTaskDataset(root, 'binary', { rows: 50, seed: 1 });
  await writeFile(
    csvPath,
    'application_ref,income_k,loan_amount,term,purpose,years_employed,owns_home,branch_note,defaulted\nL1,lots,100,36m,car,1,Y,x,yes\n',
  );
  await writeFile(
    join(root, 'params.yaml'),
    [
      `data: { path: ${csvPath}, dvc: data.dvc, schema: ${schemaPath}, target: defaulted }`,
      'split: { test: 0.2, validation: 0.1, seed: 1, stratify: true }',
      'model: { name: loans, seed: 1 }',
      'gate: { metric: roc_auc, margin: 0 }',
    ].join('\n'),
  );
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('modelship train', () => {
  it('exits 2 with one line naming the file, line, column and value of bad data', () => {
    const result = npxModelship(['train'], { env: { MODELSHIP_ROOT: root } });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `modelship train: ${join(root, 'loans.csv')}:2: "lots" is not a number (column "income_k"). Fix: correct the value, list it in the schema's \`missingValues\`, or make the column categorical`,
    ]);
  });
});

// A workspace of a non-binary task whose CSV is edited into bad input: the target column is last.
async function createTaskWorkspace(task: 'multiclass' | 'regression', edit: (targets: string[]) => string[]) {
  const dir = await mkdtemp(join(tmpdir(), `modelship-train-${task}-`));
  const data = await writeTaskDataset(dir, task, { rows: 200, seed: 2 });
  const [header, ...lines] = (await readFile(data.csvPath, 'utf8')).trimEnd().split('\n');
  const targets = edit(lines.map((line) => line.slice(line.lastIndexOf(',') + 1)));
  const rows = lines.map((line, i) => `${line.slice(0, line.lastIndexOf(',') + 1)}${targets[i]}`);
  await writeFile(data.csvPath, `${[header, ...rows].join('\n')}\n`);
  await writeFile(
    join(dir, 'params.yaml'),
    [
      `task: ${task}`,
      `data: { path: ${data.csvPath}, dvc: data.dvc, schema: ${data.schemaPath}, target: ${data.target} }`,
      'split: { test: 0.2, validation: 0.1, seed: 1, stratify: true }',
      `model: { name: ${data.schema.name}, seed: 1 }`,
      'gate: { metric: rmse, margin: 0 }',
    ].join('\n'),
  );
  return { dir, csvPath: data.csvPath };
}

describe('modelship train on bad input of other tasks', () => {
  it.each([
    [
      'a regression target with text, naming file, line and column',
      'regression' as const,
      (targets: string[]) => targets.map((value, i) => (i === 3 ? 'cheap' : value)),
      (csv: string) =>
        `${csv}:5: "cheap" is not a finite number, and a regression target must be one on every row (column "price_eur"). Fix: correct or drop the row, list the value in the schema's \`missingValues\` and drop those rows, or set \`task: multiclass\` if the target names classes`,
    ],
    [
      'a multiclass target with two classes, naming binary',
      'multiclass' as const,
      (targets: string[]) => targets.map((value) => (value === 'normal' ? 'low' : value)),
      (csv: string) =>
        `${csv}: params.yaml declares task multiclass but the target holds only the classes "low", "urgent" (column "priority"). Fix: set \`task: binary\` in params.yaml and target.kind "binary" in the schema`,
    ],
    [
      'a class too rare for the split, naming it',
      'multiclass' as const,
      (targets: string[]) => {
        const first = targets.indexOf('urgent');
        return targets.map((value, i) => (value === 'urgent' && i !== first ? 'normal' : value));
      },
      () =>
        'params.yaml: class "urgent" has 1 row; with split.test 0.2 and split.validation 0.1 it needs 5 to reach train, validation and test (column "split"). Fix: add rows of "urgent", merge it into a related class, or raise the split shares',
    ],
  ])('exits 2 on %s, before training', async (_name, task, edit, expected) => {
    const workspace = await createTaskWorkspace(task, edit);
    try {
      const result = npxModelship(['train'], { env: { MODELSHIP_ROOT: workspace.dir } });
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toEqual([`modelship train: ${expected(workspace.csvPath)}`]);
    } finally {
      await rm(workspace.dir, { recursive: true, force: true });
    }
  });
});
