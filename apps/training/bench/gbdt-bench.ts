// GBDT benchmark (issue #14): the kit's `trainGbdt` beside scikit-learn's HistGradientBoosting
// (Debian `python3-sklearn`, run when present; the table says when it is absent) on the churn
// sample at 50,000 and 200,000 rows and on each task's generated dataset, with the same rows,
// split, features and hyper-parameters (params.yaml `model.gbdt`). Each side trains in a process
// of its own, so each peak memory is its own; the test metric (binary ROC AUC, multiclass macro
// F1, regression RMSE) is computed here for both from their predictions. Then, on the 50,000-row
// sample and scikit-learn only: the one-hot feature vector against native categorical splits.
// Run: `npx nx run training:bench` (GBDT_BENCH_RUNS=3 repeats each dataset, alternating which
// side trains first; GBDT_BENCH_TASK_ROWS=20000 sizes the generated datasets; the kit builds its
// histograms on the threads the pipeline would use, or on MODELSHIP_GBDT_THREADS).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { computeRocAuc, TASKS } from '@modelship/core';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import { getColumnFeatureNames } from '@modelship/features';
import { findWorkspaceRoot, readParams, resolveFromRoot } from '@modelship/params';
import { generateChurnCsv } from '@modelship/sample-data';
import { computeMulticlassMetrics } from '../src/evaluate/multiclass-metrics.js';
import { computeRegressionMetrics } from '../src/evaluate/regression-metrics.js';
import { readGbdtParams } from '../src/gbdt/read-gbdt-params.js';
import type { TaskDatasetMatrices } from '../src/gbdt/testing/gbdt-fixtures.js';
import { prepareDatasetMatrices } from '../src/gbdt/testing/gbdt-fixtures.js';
import type { BenchSpec } from './gbdt-bench-worker.js';
import { findPythonWith } from '../src/testing/find-python.js';

/** One side's figures on one dataset. */
export interface GbdtSideFigures {
  metric: number;
  seconds: number;
  peakRssMb: number;
  /** Peak resident memory above the memory once the matrices were loaded. */
  addedRssMb: number;
  rounds: number;
}

export interface GbdtBenchRow {
  dataset: string;
  task: BenchSpec['head']['task'];
  metric: 'roc_auc' | 'macro_f1' | 'rmse';
  rows: number;
  width: number;
  run: number;
  /** The kit's figures, with the threads its histograms were built on. */
  kit: GbdtSideFigures & { threads: number };
  /**
   * Null when python3 with scikit-learn is not installed. `seconds` is on both cores (OpenMP's
   * default), `oneThreadSeconds` the same fit with OMP_NUM_THREADS=1.
   */
  sklearn: (GbdtSideFigures & { version: string; oneThreadSeconds: number }) | null;
}

/** Runs every dataset (GBDT_BENCH_RUNS times), prints the table, then the categorical check. */
export async function runGbdtBench(
  options: { runs?: number; taskRows?: number; log?: (line: string) => void } = {},
): Promise<GbdtBenchRow[]> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const runs = options.runs ?? Number(process.env['GBDT_BENCH_RUNS'] ?? 1);
  const taskRows = options.taskRows ?? Number(process.env['GBDT_BENCH_TASK_ROWS'] ?? 20_000);
  const root = findWorkspaceRoot();
  const params = readParams(root);
  const gbdtParams = readGbdtParams(params.model as Readonly<Record<string, unknown>>);
  const python = await findPythonWith('sklearn');
  const dir = await mkdtemp(join(tmpdir(), 'modelship-gbdt-bench-'));
  const results: GbdtBenchRow[] = [];
  log(
    `GBDT benchmark: kit trainGbdt vs ${python ? 'scikit-learn HistGradientBoosting' : 'nothing (scikit-learn is not installed: `apt-get install python3-sklearn` to compare)'}; ${JSON.stringify(gbdtParams)}`,
  );
  try {
    const datasets: { name: string; prepare: () => Promise<TaskDatasetMatrices> }[] = [
      ...[50_000, 200_000].map((rows) => ({
        name: `churn-${rows / 1000}k`,
        prepare: async () => {
          const csvPath = join(dir, `churn-${rows}.csv`);
          await generateChurnCsv(csvPath, { rows, seed: 42 });
          const schemaPath = resolveFromRoot(root, params.data.schema);
          return prepareDatasetMatrices(
            { csvPath, schemaPath, target: params.data.target },
            'binary',
            params.split,
          );
        },
      })),
      ...TASKS.map((task) => ({
        name: `${task}-${taskRows / 1000}k`,
        prepare: async () => {
          const data = await writeTaskDataset(join(dir, task), task, { rows: taskRows, seed: 7 });
          return prepareDatasetMatrices(data, task, params.split);
        },
      })),
    ];
    for (const { name, prepare } of datasets) {
      const matrices = await prepare();
      const folder = join(dir, name);
      await writeMatrices(folder, matrices, gbdtParams);
      for (let run = 1; run <= runs; run += 1) {
        const row = await benchDataset(name, folder, matrices, run, python);
        results.push(row);
        printRow(row, log);
      }
      if (name === 'churn-50k' && python) await compareCategorical(folder, matrices, python, log);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  printSummary(results, log);
  return results;
}

// --- internal ---

const METRICS = { binary: 'roc_auc', multiclass: 'macro_f1', regression: 'rmse' } as const;

async function writeMatrices(
  folder: string,
  matrices: TaskDatasetMatrices,
  params: BenchSpec['params'],
): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const name of ['train', 'validation', 'test'] as const) {
    const { x, y } = matrices[name];
    await writeFile(
      join(folder, `${name}.x.f32`),
      new Uint8Array(x.buffer, x.byteOffset, x.byteLength),
    );
    const y64 = Float64Array.from(y);
    await writeFile(join(folder, `${name}.y.f64`), new Uint8Array(y64.buffer));
  }
  const spec: BenchSpec = { head: matrices.head, width: matrices.train.width, params };
  await writeFile(join(folder, 'bench.json'), JSON.stringify(spec));
}

async function benchDataset(
  name: string,
  folder: string,
  matrices: TaskDatasetMatrices,
  run: number,
  python: string | null,
): Promise<GbdtBenchRow> {
  const task = matrices.head.task;
  const score = (predicted: ArrayLike<number>) => headline(matrices, predicted);
  // Alternate which side trains first, so neither always meets a warmer (or busier) machine.
  const sides = [
    async () => {
      const out = await runJson(join(findWorkspaceRoot(), 'node_modules/.bin/tsx'), [
        join(import.meta.dirname, 'gbdt-bench-worker.ts'),
        folder,
      ]);
      const predicted = new Float32Array((await readFile(join(folder, 'kit.pred.f32'))).buffer);
      return { kind: 'kit' as const, out, metric: score(predicted) };
    },
    async () => {
      if (!python) return null;
      const out = await runJson(python, [
        join(import.meta.dirname, 'sklearn_gbdt_peer.py'),
        folder,
      ]);
      const predicted = new Float64Array((await readFile(join(folder, 'sklearn.pred.f64'))).buffer);
      // OpenMP's threads wait on each other when another process holds a core: one thread, too.
      const single = await runJson(
        python,
        [join(import.meta.dirname, 'sklearn_gbdt_peer.py'), folder],
        { ...process.env, OMP_NUM_THREADS: '1' },
      );
      return {
        kind: 'sklearn' as const,
        out,
        metric: score(predicted),
        oneThreadSeconds: single['seconds'] as number,
      };
    },
  ];
  const order = run % 2 === 1 ? sides : [...sides].reverse();
  const done = [];
  for (const side of order) done.push(await side());
  const kit = done.find((side) => side?.kind === 'kit');
  const peer = done.find((side) => side?.kind === 'sklearn');
  if (!kit) throw new Error('the kit side did not run');
  const figures = (
    side: { out: Record<string, unknown>; metric: number },
    rounds: number,
  ): GbdtSideFigures => ({
    metric: side.metric,
    seconds: side.out['seconds'] as number,
    peakRssMb: side.out['peakRssMb'] as number,
    addedRssMb: (side.out['peakRssMb'] as number) - (side.out['loadedRssMb'] as number),
    rounds,
  });
  return {
    dataset: name,
    task,
    metric: METRICS[task],
    rows: matrices.train.rows + matrices.validation.rows + matrices.test.rows,
    width: matrices.train.width,
    run,
    kit: { ...figures(kit, kit.out['rounds'] as number), threads: kit.out['threads'] as number },
    sklearn: peer
      ? {
          ...figures(peer, peer.out['iterations'] as number),
          oneThreadSeconds: peer.oneThreadSeconds,
          version: peer.out['sklearn'] as string,
        }
      : null,
  };
}

function headline(matrices: TaskDatasetMatrices, predicted: ArrayLike<number>): number {
  const { head, test } = matrices;
  if (head.task === 'binary') return computeRocAuc(test.y, predicted) ?? Number.NaN;
  if (head.task === 'multiclass') {
    const classes = Array.from({ length: head.classes }, (_, k) => String(k));
    return computeMulticlassMetrics(test.y, predicted, classes).metrics.macro_f1;
  }
  return computeRegressionMetrics(test.y, predicted).rmse;
}

/** scikit-learn only: the kit's one-hot vector against native categorical splits. */
async function compareCategorical(
  folder: string,
  matrices: TaskDatasetMatrices,
  python: string,
  log: (line: string) => void,
): Promise<void> {
  const groups: [number, number][] = [];
  let at = 0;
  for (const column of matrices.spec.columns) {
    const width = getColumnFeatureNames(column).length;
    if (column.kind === 'categorical') groups.push([at, at + width]);
    at += width;
  }
  await writeFile(join(folder, 'categorical.json'), JSON.stringify({ groups }));
  const out = await runJson(python, [
    join(import.meta.dirname, 'sklearn_gbdt_peer.py'),
    folder,
    '--categorical',
  ]);
  const oneHot = out['oneHot'] as { rocAuc: number; seconds: number; width: number };
  const native = out['native'] as { rocAuc: number; seconds: number; width: number };
  log(
    `churn-50k, scikit-learn ${String(out['sklearn'])} only, ${groups.length} categorical columns: one-hot (${oneHot.width} features) ROC AUC ${oneHot.rocAuc.toFixed(4)} in ${oneHot.seconds.toFixed(1)}s; native categorical (${native.width} features) ROC AUC ${native.rocAuc.toFixed(4)} in ${native.seconds.toFixed(1)}s; one-hot - native = ${(oneHot.rocAuc - native.rocAuc).toFixed(4)}`,
  );
}

async function runJson(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(command, args, { maxBuffer: 1 << 20, env });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Record<string, unknown>;
}

const HEADER =
  'dataset        task        rows    width run  metric      kit   sklearn  ratio  kit threads   kit s  sklearn s  time x  sk 1-thread s  time x  kit MB (+added)  sklearn MB (+added)  rounds kit/sk';

function printRow(row: GbdtBenchRow, log: (line: string) => void): void {
  if (row.run === 1 && row.dataset.startsWith('churn-50k')) log(HEADER);
  const sk = row.sklearn;
  const f = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(1) : value.toFixed(4));
  log(
    [
      row.dataset.padEnd(14),
      row.task.padEnd(11),
      String(row.rows).padStart(6),
      String(row.width).padStart(6),
      String(row.run).padStart(3),
      row.metric.padEnd(8),
      f(row.kit.metric).padStart(8),
      (sk ? f(sk.metric) : '-').padStart(9),
      (sk ? (row.kit.metric / sk.metric).toFixed(4) : '-').padStart(7),
      String(row.kit.threads).padStart(12),
      row.kit.seconds.toFixed(2).padStart(7),
      (sk ? sk.seconds.toFixed(2) : '-').padStart(10),
      (sk ? (row.kit.seconds / sk.seconds).toFixed(2) : '-').padStart(7),
      (sk ? sk.oneThreadSeconds.toFixed(2) : '-').padStart(14),
      (sk ? (row.kit.seconds / sk.oneThreadSeconds).toFixed(2) : '-').padStart(7),
      `${Math.round(row.kit.peakRssMb)} (+${Math.round(row.kit.addedRssMb)})`.padStart(16),
      (sk ? `${Math.round(sk.peakRssMb)} (+${Math.round(sk.addedRssMb)})` : '-').padStart(20),
      `${row.kit.rounds}/${sk ? sk.rounds : '-'}`.padStart(15),
    ].join(' '),
  );
}

/** Medians over the runs, with the issue's targets: metric within 0.5%, time at most 2x. */
function printSummary(rows: readonly GbdtBenchRow[], log: (line: string) => void): void {
  const names = [...new Set(rows.map((row) => row.dataset))];
  log('medians over runs (ratio = kit / scikit-learn; RMSE: lower is better)');
  for (const name of names) {
    const runs = rows.filter((row) => row.dataset === name && row.sklearn);
    if (runs.length === 0) continue;
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] as number;
    };
    const first = runs[0] as GbdtBenchRow;
    const metricRatio = median(runs.map((row) => row.kit.metric / (row.sklearn?.metric ?? 1)));
    const timeRatio = median(runs.map((row) => row.kit.seconds / (row.sklearn?.seconds ?? 1)));
    const oneThreadRatio = median(
      runs.map((row) => row.kit.seconds / (row.sklearn?.oneThreadSeconds ?? 1)),
    );
    const within = first.metric === 'rmse' ? metricRatio <= 1.005 : metricRatio >= 0.995;
    log(
      `${name.padEnd(14)} ${first.metric}: ratio ${metricRatio.toFixed(4)} (${within ? 'within' : 'OUTSIDE'} 0.5%), time ratio ${timeRatio.toFixed(2)}x (${timeRatio <= 2 ? 'within' : 'OVER'} 2x; against one thread ${oneThreadRatio.toFixed(2)}x), kit on ${first.kit.threads} thread(s), over ${runs.length} run(s)`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runGbdtBench();
}
