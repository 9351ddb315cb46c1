import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  PARAMS_SCHEMA_FILE,
  paramsSchema,
  readEvaluateThreshold,
  readSchemaDefaults,
} from './params-schema.js';
import { readParams } from './read-params.js';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe("params.yaml's schema line", () => {
  const firstLine = readFileSync(join(workspaceRoot, 'params.yaml'), 'utf8').split('\n')[0];

  it('points editors at params.schema.json, relative to params.yaml', () => {
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine);
    expect(match).not.toBeNull();
    expect(resolve(workspaceRoot, match![1])).toBe(fileURLToPath(PARAMS_SCHEMA_FILE));
    expect(JSON.parse(readFileSync(resolve(workspaceRoot, match![1]), 'utf8'))).toEqual(
      paramsSchema,
    );
  });

  it('names a file the workspace params.yaml validates against', () => {
    expect(readParams(workspaceRoot).model.name).toBe(
      parse(readFileSync(join(workspaceRoot, 'params.yaml'), 'utf8')).model.name,
    );
  });
});

describe('the params.yaml the scaffolder writes for a user CSV', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'modelship-params-scaffold-'));
    copyFileSync(join(workspaceRoot, 'params.yaml'), join(root, 'params.yaml'));
    copyFileSync(join(workspaceRoot, 'data.dvc'), join(root, 'data.dvc'));
    const csv = join(root, 'Sales Leads.csv');
    writeFileSync(csv, 'lead,region,amount,won\n1,north,10,yes\n2,south,20,no\n');
    // The scaffolder's own installer, run as a script (an app is no dependency of this library).
    const installer = join(
      workspaceRoot,
      'packages/create-modelship/src/installers/user-dataset.ts',
    );
    const script = `import { installUserDataset } from ${JSON.stringify(installer)};
await installUserDataset(${JSON.stringify(root)}, { data: ${JSON.stringify(csv)}, target: 'won' });`;
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: workspaceRoot,
      stdio: 'pipe',
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('validates, pointing at the user data', () => {
    const params = readParams(root);
    expect(params.data).toMatchObject({ path: 'data/Sales Leads.csv', target: 'won' });
    expect(params.data.sample).toBeUndefined();
  });
});

describe('params.schema.json', () => {
  it('gives evaluate.threshold a default of 0.5', () => {
    expect(readEvaluateThreshold({})).toBe(0.5);
    expect(readEvaluateThreshold({ evaluate: { threshold: 0.3 } })).toBe(0.3);
  });

  it("declares the model's defaults", () => {
    expect(readSchemaDefaults('model')).toEqual({
      hidden_units: [32, 16],
      activation: 'relu',
      dropout: 0,
      l2: 0,
      learning_rate: 0.001,
      epochs: 30,
      batch_size: 256,
      early_stopping_patience: 0,
      class_weight: 'balanced',
      seed: 42,
      min_category_count: 5,
      max_categories: 50,
    });
  });
});
