import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetSchema, ReferenceStats } from '@modelship/data-validation';
import type { Task } from '@modelship/core';
import type { FeatureSpec } from '@modelship/features';
import type { BundleMetadata } from '@modelship/model-bundle';
import { BUNDLE_FILES, loadBundleJson } from '@modelship/model-bundle';
import { pino } from 'pino';
import { buildExampleRow } from '../input/build-example-row.js';
import type { InferencePool } from '../inference/inference-pool.js';
import { ModelVersion } from '../models/model-version.js';
import type { Scores } from '../models/predict-matrix.js';
import { FIXTURE_MODELS, fixtureBundleDir } from '../../test/serving-fixture.js';
import { createServingMetrics } from './serving-metrics.js';
import type { FeedbackItem } from './serving-monitor.js';
import { ServingMonitor } from './serving-monitor.js';

// The monitor's per-task flow (log, feedback, store, gauges, prediction drift) with Scores
// constructed per task, on the real bundles of the generated loans, tickets and listings
// datasets (their features, schema, classes and reference statistics, given a prediction
// reference). The model version is never asked to score, so it has no workers.
const ROWS = 6;
const EMPTY = new Float32Array(0);
const TICKETS = ['low', 'normal', 'urgent'];

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'monitor-tasks-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

interface TaskCase {
  task: Task;
  scores: Scores;
  prediction: ReferenceStats['prediction'];
}

const CASES: Record<Task, TaskCase> = {
  binary: {
    task: 'binary',
    scores: {
      task: 'binary',
      labels: Uint16Array.from([1, 0, 1, 0, 1, 0]),
      probabilities: Float32Array.from([0.9, 0.2, 0.7, 0.4, 0.6, 0.1]),
      classProbabilities: EMPTY,
      values: EMPTY,
    },
    prediction: numericReference([0.25, 0.5, 0.75]),
  },
  multiclass: {
    task: 'multiclass',
    scores: {
      task: 'multiclass',
      labels: Uint16Array.from([0, 1, 2, 0, 1, 2]),
      probabilities: Float32Array.from([0.5, 0.6, 0.7, 0.8, 0.5, 0.9]),
      classProbabilities: new Float32Array(ROWS * 3),
      values: EMPTY,
    },
    prediction: {
      name: 'prediction',
      kind: 'categorical',
      count: 90,
      missing: 0,
      categories: TICKETS,
      proportions: [0.5, 0.3, 0.2],
      other: 0,
    },
  },
  regression: {
    task: 'regression',
    scores: {
      task: 'regression',
      labels: new Uint16Array(0),
      probabilities: EMPTY,
      classProbabilities: EMPTY,
      values: Float32Array.from([100, 150, 200, 250, 300, 350]),
    },
    prediction: numericReference([150, 220, 300]),
  },
};

// A numeric reference with four equal bins cut at `edges`.
function numericReference(edges: number[]): ReferenceStats['prediction'] {
  return {
    name: 'prediction',
    kind: 'numeric',
    count: 100,
    missing: 0,
    mean: edges[1],
    std: 1,
    min: edges[0] - 1,
    max: edges[2] + 1,
    edges,
    proportions: [0.25, 0.25, 0.25, 0.25],
    quantiles: edges,
    cdf: [0.25, 0.5, 0.75],
  };
}

async function setUp(taskCase: TaskCase) {
  const dir = join(root, taskCase.task);
  await cp(fixtureBundleDir(taskCase.task), dir, { recursive: true });
  const statsPath = join(dir, BUNDLE_FILES.referenceStats);
  const stats = JSON.parse(await readFile(statsPath, 'utf8')) as ReferenceStats;
  await writeFile(statsPath, JSON.stringify({ ...stats, prediction: taskCase.prediction }));
  const model = new ModelVersion({
    key: { name: FIXTURE_MODELS[taskCase.task], version: '4', variant: 'stable' },
    stage: 'production',
    dir,
    metadata: await loadBundleJson<BundleMetadata>(dir, BUNDLE_FILES.metadata),
    featureSpec: await loadBundleJson<FeatureSpec>(dir, BUNDLE_FILES.featureSpec),
    inputSchema: await loadBundleJson<DatasetSchema>(dir, BUNDLE_FILES.inputSchema),
    pool: null as unknown as InferencePool,
  });
  expect(model.task).toBe(taskCase.task);
  const metrics = createServingMetrics();
  const monitor = new ServingMonitor(
    {
      predictionLogSize: 100,
      predictionLogTtlMs: null,
      feedbackStore: { url: `file:${join(root, `${taskCase.task}-store`)}`, root },
      feedbackWindow: 100,
      driftWindow: 100,
    },
    metrics,
    pino({ level: 'silent' }),
  );
  const row = buildExampleRow(model.featureSpec, model.inputSchema);
  const ids = monitor.recordPredictions(
    model,
    Array.from({ length: ROWS }, () => row),
    taskCase.scores,
  );
  await monitor.drift.settled();
  const send = (labels: FeedbackItem['label'][]) =>
    monitor.receiveFeedback(
      labels.map((label, i) => ({ predictionId: ids[i], label, where: `feedback[${i}].label` })),
    );
  const readStore = async () => {
    const text = await readFile(join(monitor.store.location, `${model.key.name}.jsonl`), 'utf8');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  };
  const scrape = async () => {
    monitor.collect([model]);
    return metrics.registry.metrics();
  };
  return { model, monitor, row, send, readStore, scrape };
}

function gauge(text: string, name: string, model: string): number | undefined {
  const match = new RegExp(`^${name}\\{model="${model}",version="4"[^}]*\\} (\\S+)$`, 'm').exec(
    text,
  );
  return match ? Number(match[1]) : undefined;
}

describe('ServingMonitor for a binary model (loans: classes "no", "yes")', () => {
  it('takes class texts and 0/1, stores 0/1 records as before, exports accuracy, macro F1 and AUC', async () => {
    const { send, readStore, scrape, row } = await setUp(CASES.binary);
    // Predicted: yes no yes no yes no. True: yes no no no 1 maybe (unknown).
    const outcomes = await send(['yes', 'no', 'no', 0, 1, 'maybe']);
    expect(outcomes.map((o) => o.result)).toEqual([
      'joined',
      'joined',
      'joined',
      'joined',
      'joined',
      'invalid',
    ]);
    expect(outcomes[5]).toMatchObject({
      field: 'label',
      error:
        'feedback[5].label "maybe" is not a class of version 4; its defaulted classes are "no", "yes", or 0 / 1 (1 = "yes").',
    });
    const records = await readStore();
    expect(records.map((r) => [r['predicted'], r['label'], r['probability']])).toEqual([
      [1, 1, expect.closeTo(0.9, 6)],
      [0, 0, expect.closeTo(0.2, 6)],
      [1, 0, expect.closeTo(0.7, 6)],
      [0, 0, expect.closeTo(0.4, 6)],
      [1, 1, expect.closeTo(0.6, 6)],
    ]);
    expect(records[0]).not.toHaveProperty('task');
    expect(records[0]['features']).toEqual(row);
    const text = await scrape();
    expect(gauge(text, 'modelship_live_accuracy', 'loans')).toBeCloseTo(0.8, 12);
    // Class "no": precision 1, recall 2/3; class "yes": precision 2/3, recall 1. Both F1 0.8.
    expect(gauge(text, 'modelship_live_macro_f1', 'loans')).toBeCloseTo(0.8, 12);
    // Positives score 0.9 and 0.6, negatives 0.2, 0.7, 0.4: 5 of 6 pairs ordered right.
    expect(gauge(text, 'modelship_live_roc_auc', 'loans')).toBeCloseTo(5 / 6, 12);
    expect(gauge(text, 'modelship_live_labelled_rows', 'loans')).toBe(5);
    expect(gauge(text, 'modelship_live_mae', 'loans')).toBeUndefined();
    expect(gauge(text, 'modelship_prediction_drift_psi', 'loans')).toEqual(expect.any(Number));
  });
});

describe('ServingMonitor for a multiclass model (tickets: classes low, normal, urgent)', () => {
  it('takes class texts, refuses unknown ones naming the classes, stores texts', async () => {
    const { send, readStore, scrape } = await setUp(CASES.multiclass);
    // Predicted: low normal urgent low normal urgent.
    const outcomes = await send(['low', 'urgent', 'urgent', 'critical', 2, 'normal']);
    expect(outcomes.map((o) => o.result)).toEqual([
      'joined',
      'joined',
      'joined',
      'invalid',
      'invalid',
      'joined',
    ]);
    expect(outcomes[3].error).toBe(
      'feedback[3].label "critical" is not a class of version 4; its priority classes are "low", "normal", "urgent".',
    );
    expect(outcomes[4].error).toMatch(/^feedback\[4\]\.label 2 is not a class of version 4/);
    const records = await readStore();
    expect(records.map((r) => [r['task'], r['predicted'], r['label'], r['probability']])).toEqual([
      ['multiclass', 'low', 'low', expect.closeTo(0.5, 6)],
      ['multiclass', 'normal', 'urgent', expect.closeTo(0.6, 6)],
      ['multiclass', 'urgent', 'urgent', expect.closeTo(0.7, 6)],
      ['multiclass', 'urgent', 'normal', expect.closeTo(0.9, 6)],
    ]);
    // The refused items did not use up their predictions: right labels join them later.
    expect((await send(['low', 'urgent', 'urgent', 'low'])).at(3)?.result).toBe('joined');
    const text = await scrape();
    // Joined (true, predicted): (low, low) (urgent, normal) (urgent, urgent) (normal, urgent)
    // (low, low): accuracy 3/5; F1 low 1, normal 0, urgent 0.5.
    expect(gauge(text, 'modelship_live_accuracy', 'tickets')).toBeCloseTo(0.6, 12);
    expect(gauge(text, 'modelship_live_macro_f1', 'tickets')).toBeCloseTo(0.5, 12);
    expect(gauge(text, 'modelship_live_roc_auc', 'tickets')).toBeUndefined();
    expect(gauge(text, 'modelship_live_rmse', 'tickets')).toBeUndefined();
    expect(gauge(text, 'modelship_prediction_drift_psi', 'tickets')).toBeGreaterThan(0);
  });
});

describe('ServingMonitor for a regression model (listings: price_eur)', () => {
  it('takes numbers and numeric texts, refuses others naming the field, exports MAE and RMSE', async () => {
    const { send, readStore, scrape } = await setUp(CASES.regression);
    // Predicted: 100 150 200 250 300 350.
    const outcomes = await send([110, '140', 230.5, 'cheap', true, 350]);
    expect(outcomes.map((o) => o.result)).toEqual([
      'joined',
      'joined',
      'joined',
      'invalid',
      'invalid',
      'joined',
    ]);
    expect(outcomes[3].error).toBe(
      'feedback[3].label must be a finite number (the true price_eur), as version 4 is a regression model; got "cheap".',
    );
    const records = await readStore();
    expect(records.map((r) => [r['task'], r['predicted'], r['label'], r['probability']])).toEqual([
      ['regression', 100, 110, null],
      ['regression', 150, 140, null],
      ['regression', 200, 230.5, null],
      ['regression', 350, 350, null],
    ]);
    const text = await scrape();
    expect(gauge(text, 'modelship_live_mae', 'listings')).toBeCloseTo((10 + 10 + 30.5) / 4, 9);
    expect(gauge(text, 'modelship_live_rmse', 'listings')).toBeCloseTo(
      Math.sqrt((100 + 100 + 30.5 ** 2) / 4),
      9,
    );
    expect(gauge(text, 'modelship_live_labelled_rows', 'listings')).toBe(4);
    expect(gauge(text, 'modelship_live_accuracy', 'listings')).toBeUndefined();
    expect(gauge(text, 'modelship_live_macro_f1', 'listings')).toBeUndefined();
    // Six values over four equal reference bins: 100 | 150 | 200, 250 | 300, 350 -> not the
    // reference's quarters, so a PSI above 0.
    expect(gauge(text, 'modelship_prediction_drift_psi', 'listings')).toBeGreaterThan(0);
  });
});
