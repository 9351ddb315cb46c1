import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
