import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Params } from '@modelship/params';
import { findAll, parseXml } from '@modelship/charts/testing';
import { evaluateModel, EVALUATION_FILE } from './evaluate-model.js';
import { gateModel } from './gate-model.js';
import { createFileMetricsSource } from '../gate/production-metrics.js';
import type { StepContext } from './step-context.js';

const PLANS = ['basic', 'plus', 'pro'];

// A deterministic toy problem: the outcome follows x and the plan, the "network" sees both.
function makeSplit(n: number, offset: number) {
  const rows: Record<string, unknown>[] = [];
  const labels = new Uint8Array(n);
  const values: number[] = [];
  const probabilities = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = Math.sin((i + offset) * 12.9898) * 2;
    const plan = PLANS[(i + offset) % 3];
    const noise = Math.cos((i + offset) * 78.233);
    const z = 1.5 * x + (plan === 'pro' ? 1 : 0) + noise;
    labels[i] = z > 0.5 ? 1 : 0;
    rows.push({ x, plan });
    values.push(x, ...PLANS.map((p) => (p === plan ? 1 : 0)));
    probabilities[i] = 1 / (1 + Math.exp(-(1.2 * x + (plan === 'pro' ? 0.8 : 0) - 0.4)));
  }
  return { rows, labels, probabilities, features: { rows: n, columns: 4, values } };
}

describe('evaluateModel and gateModel', () => {
  let root: string;
  let ctx: StepContext;
  const logs: string[] = [];
  const bundleDir = () => join(root, 'artifacts', 'bundle');
  const summaryFile = () => join(root, 'summary.md');
  const ciSummary = process.env['GITHUB_STEP_SUMMARY'];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'evaluate-step-'));
    writeFileSync(
      join(root, 'schema.json'),
      JSON.stringify({
        schemaVersion: 1,
        name: 'toy',
        target: { column: 'y', kind: 'binary', positive: '1' },
        columns: [
          { name: 'x', type: 'number', role: 'feature' },
          { name: 'plan', type: 'categorical', role: 'feature' },
          { name: 'y', type: 'boolean', role: 'target' },
        ],
      }),
    );
    writeFileSync(
      join(root, 'data.dvc'),
      'outs:\n- md5: 9e107d9d372bb6826bd81d3542a419d6\n  size: 10\n  hash: md5\n  path: data\n',
    );
    const params = {
      data: { path: 'data/toy.csv', dvc: 'data.dvc', schema: 'schema.json', target: 'y' },
      split: { test: 0.2, validation: 0.1, seed: 1, stratify: true },
      model: { name: 'toy', seed: 1 },
      evaluate: { threshold: 0.5 },
      gate: { min_roc_auc: 0.75, max_log_loss: 0.7, metric: 'roc_auc', margin: 0.002 },
    } as unknown as Params;
    ctx = { root, params, log: (line) => logs.push(line) };
    process.env['GITHUB_STEP_SUMMARY'] = summaryFile();
    const train = makeSplit(600, 0);
    const test = makeSplit(300, 10_000);
    evaluateModel(ctx, {
      bundleDir: bundleDir(),
      test,
      baselineInput: { features: train.features, labels: train.labels },
    });
  });
  afterAll(() => {
    if (ciSummary === undefined) delete process.env['GITHUB_STEP_SUMMARY'];
    else process.env['GITHUB_STEP_SUMMARY'] = ciSummary;
    rmSync(root, { recursive: true, force: true });
  });

  const read = (file: string) => readFileSync(join(bundleDir(), file), 'utf8');

  it('writes DVC-style metrics with the headline numbers on top and the baselines nested', () => {
    const metrics = JSON.parse(read('metrics.json')) as Record<string, unknown>;
    expect(Object.keys(metrics)).toEqual(
      expect.arrayContaining([
        'roc_auc',
        'pr_auc',
        'accuracy',
        'f1',
        'log_loss',
        'brier',
        'test_rows',
        'baseline',
      ]),
    );
    expect(metrics['test_rows']).toBe(300);
    expect(metrics['roc_auc']).toBeGreaterThan(0.8);
    const baseline = metrics['baseline'] as Record<string, Record<string, number>>;
    expect(baseline['logistic_regression']?.['roc_auc']).toBeGreaterThan(0.8);
    expect(baseline['majority_class']?.['roc_auc']).toBe(0.5);
  });

  it('writes curves and slices to evaluation.json', () => {
    const evaluation = JSON.parse(read(EVALUATION_FILE)) as {
      slices: Record<string, { value: string }[]>;
    };
    expect(evaluation.slices['plan']?.map((s) => s.value).sort()).toEqual(PLANS);
  });

  it('draws four well-formed plots, the ROC curve with the network, the baseline and chance', () => {
    for (const plot of ['roc', 'pr', 'confusion-matrix', 'calibration']) {
      expect(parseXml(read(`plots/${plot}.svg`)).name).toBe('svg');
    }
    const series = findAll(parseXml(read('plots/roc.svg')), 'g')
      .map((g) => g.attributes['data-series'])
      .filter(Boolean);
    expect(series.reverse()).toEqual([
      expect.stringMatching(/^Network \(AUC 0\.\d{3}\)$/),
      expect.stringMatching(/^Logistic regression/),
      'Chance',
    ]);
  });

  it('writes a card with the data version, the plots and a pending gate', () => {
    const card = read('card.md');
    expect(card).toContain('`9e107d9d372bb6826bd81d3542a419d6`');
    expect(card).toContain('![Calibration](plots/calibration.svg)');
    expect(card).toContain('### `plan`');
    expect(card).toContain('Not run yet');
  });

  it('appends the card without plots to the CI job summary', () => {
    const summary = readFileSync(summaryFile(), 'utf8');
    expect(summary).toContain('# Model card: toy');
    expect(summary).not.toContain('plots/roc.svg');
  });

  it('passes the gate with no production model and records it in gate.json and the card', async () => {
    const report = await gateModel(ctx, { bundleDir: bundleDir() });
    expect(report.passed).toBe(true);
    expect(report.reasons.at(-1)).toBe('no production model: threshold checks only');
    expect(JSON.parse(read('gate.json'))).toMatchObject({ passed: true, comparedTo: null });
    expect(read('card.md')).toContain('**PASSED**');
  });

  it('fails the gate against a better production model and says so in the card', async () => {
    const production = join(root, 'production-metrics.json');
    writeFileSync(production, JSON.stringify({ roc_auc: 0.999 }));
    const report = await gateModel(ctx, {
      bundleDir: bundleDir(),
      against: createFileMetricsSource(production),
    });
    expect(report.passed).toBe(false);
    expect(JSON.parse(read('gate.json'))).toMatchObject({
      passed: false,
      comparedTo: { metric: 'roc_auc', value: 0.999 },
    });
    expect(read('card.md')).toContain('**FAILED**');
    expect(read('card.md')).not.toContain('**PASSED**');
  });

  it('drops a stale gate.json when the model is evaluated again', () => {
    expect(existsSync(join(bundleDir(), 'gate.json'))).toBe(true);
    const test = makeSplit(300, 10_000);
    const train = makeSplit(600, 0);
    evaluateModel(ctx, { bundleDir: bundleDir(), test, baselineInput: train });
    expect(existsSync(join(bundleDir(), 'gate.json'))).toBe(false);
    expect(read('card.md')).toContain('Not run yet');
  });

  it('refuses to gate a bundle that was never evaluated', async () => {
    const empty = join(root, 'empty');
    await expect(gateModel(ctx, { bundleDir: empty })).rejects.toMatchObject({
      code: 'E_GATE_METRICS',
    });
    expect(existsSync(join(empty, 'gate.json'))).toBe(false);
  });
});
