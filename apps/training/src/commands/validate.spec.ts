import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliRun } from '../testing/npx-modelship.js';
import { npxModelship } from '../testing/npx-modelship.js';

const rows = Array.from(
  { length: 40 },
  (_, i) => `${i},${20 + (i % 30)},${['a', 'b'][i % 2]},${i % 2}`,
);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-validate-cli-'));
  await writeFile(join(root, 'good.csv'), `id,age,plan,y\n${rows.join('\n')}\n`);
  await writeFile(join(root, 'bad.csv'), `id,age,plan,y\n${rows.join('\n')}\n40,-5,c,1\n`);
  const shifted = Array.from({ length: 200 }, (_, i) => `${i},${60 + (i % 10)},a,${i % 2}`);
  await writeFile(join(root, 'shifted.csv'), `id,age,plan,y\n${shifted.join('\n')}\n`);
  await writeFile(join(root, 'ragged.csv'), 'id,age,plan,y\n1,2,a,0\n2,3,b\n');
  await writeFile(
    join(root, 'params.yaml'),
    [
      'data: { path: good.csv, dvc: data.dvc, schema: schema.json, target: y }',
      'split: { test: 0.2, validation: 0.1, seed: 1, stratify: true }',
      'validation: { report_dir: reports/validation, max_examples: 3 }',
      'drift: { bins: 5, psi_warn: 0.1, psi_alert: 0.25, ks_alert: 0.1, chi2_p_value: 0.01 }',
      'model: { name: m, seed: 1 }',
      'gate: { metric: roc_auc, margin: 0 }',
    ].join('\n'),
  );
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function at(file: string): string {
  return join(root, file);
}

function modelship(...args: string[]): CliRun {
  return npxModelship(args, { env: { MODELSHIP_ROOT: root, GITHUB_STEP_SUMMARY: '' } });
}

describe('modelship schema infer, validate and drift', () => {
  it('infers a schema the same data then passes, writing the reports', async () => {
    expect(
      modelship('schema', 'infer', at('good.csv'), '--target', 'y', '--out', at('schema.json'))
        .status,
    ).toBe(0);
    const result = modelship('validate');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('checks passed on 40 rows');
    const report = JSON.parse(
      await readFile(join(root, 'reports/validation/validation.json'), 'utf8'),
    );
    expect(report.passed).toBe(true);
  });

  it('exits 1 on failed checks, naming the check and the first offending line', () => {
    const result = modelship('validate', '--data', at('bad.csv'), '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).summary.failed).toBe(2);
    expect(result.stderr).toContain(
      `FAIL age range: 1 values outside [20, 49] (first at ${join(root, 'bad.csv')}:42: "-5")`,
    );
    expect(result.stderr).toContain('FAIL plan categories');
  });

  it('exits 2 with one line naming the file and line of a malformed CSV', () => {
    const result = modelship('validate', '--data', at('ragged.csv'));
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      `modelship validate: ${join(root, 'ragged.csv')}:3: the row has 3 fields but the header has 4. Fix: add the missing fields (leave a value empty to mark it missing)`,
    );
  });

  it('exits 1 from drift when a feature is in alert', () => {
    expect(modelship('drift', at('good.csv'), at('good.csv')).status).toBe(0);
    const result = modelship('drift', at('good.csv'), at('shifted.csv'), '--json');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { features: { name: string; status: string }[] };
    expect(report.features.map((f) => `${f.name} ${f.status}`)).toEqual([
      'age alert',
      'plan alert',
    ]);
  });
});
