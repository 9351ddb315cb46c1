/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamCsvRows } from '@modelship/data-validation';
import { fitFeatureSpec, type FeatureSpec, type RawRow } from '@modelship/features';
import { finalizeBundle, type BundleMetadata } from '@modelship/model-bundle';
import { writeSampleBundle } from '@modelship/model-bundle/testing';
import { openRegistry } from '@modelship/model-registry';
import { LOAN_SCHEMA, writeTaskDataset } from '@modelship/data-validation/testing';
import { buildOnnxModel } from '../export/build-onnx-model.js';
import { decideGate } from './decide-gate.js';
import { formatGateMarkdown } from './format-gate.js';
import { parseGateParams } from './gate-params.js';
import { createRegistryMetricsSource } from './registry-metrics-source.js';
import type { Holdout } from './champion-on-holdout.js';
import { evaluateOnHoldout } from './champion-on-holdout.js';

let dir: string;
let spec: FeatureSpec;
let holdout: Holdout;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'champion-'));
  const { csvPath } = await writeTaskDataset(join(dir, 'data'), 'binary', { rows: 600, seed: 3 });
  const rows: RawRow[] = [];
  for await (const { values } of streamCsvRows(csvPath)) rows.push(values);
  spec = fitFeatureSpec(rows.slice(0, 400), LOAN_SCHEMA);
  const test = rows.slice(400);
  holdout = {
    task: 'binary',
    rows: test,
    labels: Uint8Array.from(test, (row) => (row['defaulted'] === 'yes' ? 1 : 0)),
    threshold: 0.5,
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A logistic model over the loan features; `weights` by feature name, the rest zero.
async function writeChampion(name: string, weights: Record<string, number>, stored: number) {
  const bundleDir = join(dir, name);
  const metadata = await writeSampleBundle(bundleDir, {
    name: 'loans',
    weightsKb: 1,
    metrics: { roc_auc: stored },
  });
  const kernel = Float32Array.from(spec.featureNames, (feature) => weights[feature] ?? 0);
  const layer = {
    name: 'out',
    inputs: spec.width,
    units: 1,
    kernel,
    bias: new Float32Array(1),
    activation: 'sigmoid',
  };
  writeFileSync(join(bundleDir, 'model.onnx'), buildOnnxModel([layer]));
  writeFileSync(join(bundleDir, 'feature-spec.json'), JSON.stringify(spec));
  const { files: _files, ...rest } = metadata as BundleMetadata;
  await finalizeBundle(bundleDir, rest);
  return bundleDir;
}

describe('createRegistryMetricsSource with a holdout', () => {
  it('re-scores the production bundle on the same rows and the gate compares those', async () => {
    const registry = await openRegistry(`file:${join(dir, 'registry')}`, { root: dir });
    const useful = await writeChampion(
      'useful',
      { loan_amount: 1.5, income_k: -1.5, years_employed: -0.5 },
      0.99,
    );
    await registry.registerModel(useful);
    await registry.promote('loans', 1, 'production');

    const champion = await createRegistryMetricsSource(registry, 'loans', holdout).load();

    expect(champion?.evaluatedOn).toBe('the same holdout (200 rows)');
    expect(champion?.storedMetrics).toEqual({ roc_auc: 0.99 });
    const measured = champion?.metrics['roc_auc'] as number;
    expect(measured).toBeGreaterThan(0.6);
    expect(measured).toBeLessThan(0.99);

    const params = parseGateParams({ metric: 'roc_auc', margin: 0.01 });
    const beaten = decideGate({ roc_auc: measured + 0.02 }, params, champion);
    expect(beaten.passed).toBe(true);
    expect(beaten.championChallenger).toMatchObject({
      winner: 'challenger',
      metric: 'roc_auc',
      margin: 0.01,
    });
    expect(beaten.reasons.at(-1)).toMatch(
      /vs production loans v1 \(on the same holdout \(200 rows\)\)/,
    );
    expect(formatGateMarkdown(beaten)).toMatch(
      /### Champion vs challenger[\s\S]*\| roc_auc \(decides\) \| [\d.]+ \| [\d.]+ \| \+0\.02 \|[\s\S]*\*\*Winner: challenger\*\*/,
    );
    // Against the stored 0.99 the same challenger would have lost: the holdout decides.
    expect(
      decideGate({ roc_auc: measured + 0.02 }, params, {
        name: 'loans',
        version: 1,
        metrics: { roc_auc: 0.99 },
      }).passed,
    ).toBe(false);
  });

  it('falls back to the registered metrics, saying why, when the champion cannot score the rows', async () => {
    const registry = await openRegistry(`file:${join(dir, 'registry-2')}`, { root: dir });
    await registry.registerModel(await writeChampion('blind', { loan_amount: 1 }, 0.7));
    await registry.promote('loans', 1, 'production');
    const rows = holdout.rows.map(({ loan_amount: _dropped, ...rest }) => rest);

    const champion = await createRegistryMetricsSource(registry, 'loans', {
      ...holdout,
      rows,
    }).load();

    expect(champion?.metrics).toEqual({ roc_auc: 0.7 });
    expect(champion?.evaluatedOn).toMatch(
      /^its registered metrics \(cannot score the holdout: .*loan_amount/,
    );
  });
});

describe('evaluateOnHoldout across tasks', () => {
  it('refuses to score a binary champion on a multiclass holdout, naming both tasks', async () => {
    const bundle = await writeChampion('binary-champion', { loan_amount: 1 }, 0.7);
    const multiclass: Holdout = { task: 'multiclass', rows: holdout.rows, labels: holdout.rows.map(() => 'urgent') };
    await expect(evaluateOnHoldout(bundle, multiclass)).rejects.toMatchObject({
      code: 'E_GATE_CHAMPION_TASK',
      message: expect.stringContaining('the production model is a binary model and this one is multiclass'),
    });
  });

  it('falls back to the registered metrics when the task changed since production', async () => {
    const registry = await openRegistry(`file:${join(dir, 'registry-3')}`, { root: dir });
    await registry.registerModel(await writeChampion('old-task', { loan_amount: 1 }, 0.7));
    await registry.promote('loans', 1, 'production');
    const regression: Holdout = { task: 'regression', rows: holdout.rows, labels: new Float64Array(holdout.rows.length) };

    const champion = await createRegistryMetricsSource(registry, 'loans', regression).load();

    expect(champion?.metrics).toEqual({ roc_auc: 0.7 });
    expect(champion?.evaluatedOn).toMatch(/^its registered metrics \(cannot score the holdout: the production model is a binary model/);
  });
});
