// Quality per task against scikit-learn (issue #13): for each task, a generated dataset shaped
// nothing like the churn sample (id and ignored columns, missing values) is trained by the kit's
// own pipeline step (`trainModel`: the MLP of params.yaml), and its test split is scored with the
// task's headline metric (binary ROC AUC, multiclass macro F1, regression RMSE) beside the kit's
// in-run linear baseline (logistic, multinomial logistic, ridge) and, side by side in the same
// run on the same rows, split and features, scikit-learn's MLP of the same architecture and
// training settings, its linear model and its trivial model (Debian `python3-sklearn`, run when
// present; the table says when it is absent).
// Run: `npx nx run training:bench-tasks` (TASK_BENCH_ROWS=8000 by default).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Task } from '@modelship/core';
import { computeRocAuc, TASKS } from '@modelship/core';
import { loadSchema, withTargetColumn } from '@modelship/data-validation';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import type { FeatureMatrix as TransformedMatrix, RawRow } from '@modelship/features';
import { transformRows } from '@modelship/features';
import type { Params } from '@modelship/params';
import { findWorkspaceRoot, readParams, readTaskGateDefaults } from '@modelship/params';
import type { FeatureMatrix } from '../src/baseline/feature-matrix.js';
import {
  fitLogisticRegression,
  predictLogisticRegression,
} from '../src/baseline/logistic-regression.js';
import {
  fitMultinomialLogisticRegression,
  predictMultinomialLogisticRegression,
} from '../src/baseline/multinomial-logistic-regression.js';
import { fitRidgeRegression, predictRidgeRegression } from '../src/baseline/ridge-regression.js';
import { loadTaskDataset } from '../src/data/load-task-dataset.js';
import { selectLabels, selectRows } from '../src/data/select-rows.js';
import { computeMulticlassMetrics } from '../src/evaluate/multiclass-metrics.js';
import { computeRegressionMetrics } from '../src/evaluate/regression-metrics.js';
import { splitForTask } from '../src/steps/_task-training.js';
import { trainModel } from '../src/steps/train-model.js';
import { readModelParams } from '../src/train/model-params.js';
import { findPythonWith } from '../src/testing/find-python.js';

/** What one task scored, for the kit and for its peer. */
export interface TaskQualityRow {
  task: Task;
  metric: 'roc_auc' | 'macro_f1' | 'rmse';
  rows: number;
  kit: { mlp: number; mlpSeconds: number; epochs: number; linear: number; linearSeconds: number };
  /** Null when python3 with scikit-learn is not installed. */
  sklearn: {
    version: string;
    mlp: number;
    mlpSeconds: number;
    epochs: number;
    linear: number;
    linearSeconds: number;
    trivial: number;
  } | null;
}

const METRICS = { binary: 'roc_auc', multiclass: 'macro_f1', regression: 'rmse' } as const;

/** Trains and scores every task, and prints one table with the kit's figures against the peer's. */
export async function runTaskQualityBench(
  options: { rows?: number; tasks?: readonly Task[]; log?: (line: string) => void } = {},
): Promise<TaskQualityRow[]> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const rows = options.rows ?? Number(process.env['TASK_BENCH_ROWS'] ?? 8000);
  const results: TaskQualityRow[] = [];
  for (const task of options.tasks ?? TASKS) {
    const dir = await mkdtemp(join(tmpdir(), `task-bench-${task}-`));
    try {
      results.push(await benchTask(dir, task, rows));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  printTable(results, log);
  return results;
}

// --- internal ---

async function benchTask(dir: string, task: Task, rows: number): Promise<TaskQualityRow> {
  const data = await writeTaskDataset(join(dir, 'data'), task, { rows, seed: 7 });
  const base = readParams(findWorkspaceRoot());
  const params: Params = {
    ...base,
    task,
    data: { path: data.csvPath, dvc: 'data.dvc', schema: data.schemaPath, target: data.target },
    model: { ...base.model, name: data.schema.name },
    gate: readTaskGateDefaults(task),
  };
  const started = performance.now();
  const trained = await trainModel(
    { root: dir, params, log: () => undefined },
    { bundleDir: 'bundle', progress: { epoch: () => undefined, stop: () => undefined } },
  );
  const mlpSeconds = (performance.now() - started) / 1000;

  // The same split and features the network had, for the linear models and the peer.
  const schema = withTargetColumn(await loadSchema(data.schemaPath), data.target);
  const dataset = await loadTaskDataset(data.csvPath, schema, task);
  const split = splitForTask(dataset, params.split);
  const part = (indices: ArrayLike<number>) => ({
    x: transformRows(trained.featureSpec, selectRows(dataset.rows, indices)),
    y: Float64Array.from(selectLabels(dataset.labels, indices)),
  });
  const train = part(split.train);
  const validation = part(split.validation);
  const test = part(split.test);
  assertSameTestRows(
    test.y,
    trained.test.labels,
    trained.test.rows,
    selectRows(dataset.rows, split.test),
  );

  const classes = dataset.classes ?? [];
  const score = (predicted: ArrayLike<number>) => headline(task, test.y, predicted, classes);
  const mlp = score(await trained.predict(trained.test.rows));
  const linearStarted = performance.now();
  const linearPredictions = fitAndPredictLinear(task, train, test.x, classes.length);
  const linearSeconds = (performance.now() - linearStarted) / 1000;

  const modelParams = readModelParams(params.model);
  const sklearn = await runPeer(
    dir,
    task,
    { train, validation, test },
    {
      hidden_units: modelParams.hiddenUnits,
      activation: modelParams.activation,
      l2: modelParams.l2,
      learning_rate: modelParams.learningRate,
      batch_size: modelParams.batchSize,
      epochs: modelParams.epochs,
      patience: modelParams.earlyStoppingPatience,
      seed: modelParams.seed,
    },
  );
  return {
    task,
    metric: METRICS[task],
    rows,
    kit: {
      mlp,
      mlpSeconds,
      epochs: trained.result.epochsRun ?? 0,
      linear: score(linearPredictions),
      linearSeconds,
    },
    sklearn,
  };
}

function headline(
  task: Task,
  labels: Float64Array,
  predicted: ArrayLike<number>,
  classes: readonly string[],
): number {
  if (task === 'binary') return computeRocAuc(labels, predicted) ?? Number.NaN;
  if (task === 'multiclass')
    return computeMulticlassMetrics(labels, predicted, classes).metrics.macro_f1;
  return computeRegressionMetrics(labels, predicted).rmse;
}

function fitAndPredictLinear(
  task: Task,
  train: { x: TransformedMatrix; y: Float64Array },
  test: TransformedMatrix,
  classes: number,
): Float64Array {
  const features = asMatrix(train.x);
  if (task === 'binary')
    return predictLogisticRegression(fitLogisticRegression(features, train.y), asMatrix(test));
  if (task === 'multiclass')
    return predictMultinomialLogisticRegression(
      fitMultinomialLogisticRegression(features, train.y, classes),
      asMatrix(test),
    );
  return predictRidgeRegression(fitRidgeRegression(features, train.y), asMatrix(test));
}

function asMatrix(matrix: TransformedMatrix): FeatureMatrix {
  return { rows: matrix.rows, columns: matrix.width, values: matrix.data };
}

// The benchmark re-derives the split; a drift from trainModel's would compare different rows.
function assertSameTestRows(
  labels: Float64Array,
  trainedLabels: ArrayLike<number>,
  trainedRows: readonly RawRow[],
  rows: readonly RawRow[],
): void {
  const same =
    labels.length === trainedLabels.length &&
    labels.every((label, i) => label === trainedLabels[i]) &&
    rows.every(
      (row, i) => row === trainedRows[i] || JSON.stringify(row) === JSON.stringify(trainedRows[i]),
    );
  if (!same) throw new Error('the benchmark split differs from the one trainModel used');
}

async function runPeer(
  dir: string,
  task: Task,
  parts: Record<'train' | 'validation' | 'test', { x: TransformedMatrix; y: Float64Array }>,
  params: Record<string, unknown>,
): Promise<TaskQualityRow['sklearn']> {
  for (const [name, { x, y }] of Object.entries(parts)) {
    await writeFile(
      join(dir, `${name}.x.f32`),
      new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength),
    );
    await writeFile(
      join(dir, `${name}.y.f64`),
      new Uint8Array(y.buffer, y.byteOffset, y.byteLength),
    );
  }
  await writeFile(
    join(dir, 'peer.json'),
    JSON.stringify({ task, width: parts.train.x.width, params }),
  );
  const python = await findPythonWith('sklearn');
  if (!python) return null;
  const { stdout } = await promisify(execFile)(
    python,
    [join(import.meta.dirname, 'sklearn_peer.py'), dir],
    {
      maxBuffer: 1 << 20,
    },
  );
  const peer = JSON.parse(stdout) as {
    sklearn: string;
    mlp: { metric: number; seconds: number; epochs: number };
    linear: { metric: number; seconds: number };
    trivial: { metric: number };
  };
  return {
    version: peer.sklearn,
    mlp: peer.mlp.metric,
    mlpSeconds: peer.mlp.seconds,
    epochs: peer.mlp.epochs,
    linear: peer.linear.metric,
    linearSeconds: peer.linear.seconds,
    trivial: peer.trivial.metric,
  };
}

function printTable(rows: readonly TaskQualityRow[], log: (line: string) => void): void {
  const f = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(4));
  const peer = rows.find((row) => row.sklearn)?.sklearn?.version;
  log(
    peer
      ? `Quality per task against scikit-learn ${peer} (same rows, split and features; ratio = kit / scikit-learn; RMSE: lower is better)`
      : 'Quality per task (scikit-learn is not installed: `apt-get install python3-sklearn` to compare)',
  );
  log(
    'task        metric    rows   kit MLP   sklearn MLP  ratio   kit linear  sklearn linear  trivial   kit s  sklearn s  epochs kit/sk',
  );
  for (const row of rows) {
    const sk = row.sklearn;
    log(
      [
        row.task.padEnd(11),
        row.metric.padEnd(9),
        String(row.rows).padStart(5),
        f(row.kit.mlp).padStart(9),
        (sk ? f(sk.mlp) : '-').padStart(13),
        (sk ? (row.kit.mlp / sk.mlp).toFixed(3) : '-').padStart(6),
        f(row.kit.linear).padStart(12),
        (sk ? f(sk.linear) : '-').padStart(15),
        (sk ? f(sk.trivial) : '-').padStart(8),
        row.kit.mlpSeconds.toFixed(1).padStart(7),
        (sk ? sk.mlpSeconds.toFixed(1) : '-').padStart(10),
        `${row.kit.epochs}/${sk ? sk.epochs : '-'}`.padStart(8),
      ].join(' '),
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runTaskQualityBench();
}
