// Training benchmark: the MLP on the churn sample at growing sizes, beside a logistic regression
// fitted in the same run on the same features (fitted first, so the network's memory does not
// count against it). Run: `npx nx run training:bench-mlp`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSchema } from '@modelship/data-validation';
import { fitFeatureSpec, transformRows } from '@modelship/features';
import { generateChurnCsv } from '@modelship/sample-data';
import { findWorkspaceRoot, readParams, resolveFromRoot } from '@modelship/params';
import {
  fitLogisticRegression,
  predictLogisticRegression,
} from '../src/baseline/logistic-regression.js';
import { loadDataset } from '../src/data/load-dataset.js';
import { selectLabels, selectRows } from '../src/data/select-rows.js';
import { splitDataset } from '../src/data/split-dataset.js';
import { withTargetColumn } from '@modelship/data-validation';
import { computeRocAuc } from '@modelship/core';
import { loadTensorflow } from '../src/train/load-tensorflow.js';
import { readModelParams } from '../src/train/model-params.js';
import type { LabelledMatrix } from '../src/train/train-network.js';
import { predictProbabilities, trainNetwork } from '../src/train/train-network.js';
import { measurePeakMemory } from './measure-peak-memory.js';

export interface TrainBenchOptions {
  /** Dataset sizes to generate and train on. @default [50_000, 200_000] */
  sizes?: number[];
  seed?: number;
  /** Overrides params.yaml `model.epochs` (early stopping still applies). */
  epochs?: number;
  log?: (line: string) => void;
}

export interface TrainBenchRow {
  rows: number;
  backend: string;
  network: {
    seconds: number;
    epochs: number;
    rowsPerSecondPerEpoch: number;
    peakRssMb: number;
    addedRssMb: number;
    rocAuc: number;
  };
  baseline: { seconds: number; peakRssMb: number; addedRssMb: number; rocAuc: number };
}

/** Trains the network and the baseline at each size and prints one line per model with ratios. */
export async function runTrainBench(options: TrainBenchOptions = {}): Promise<TrainBenchRow[]> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const root = findWorkspaceRoot();
  const params = readParams(root);
  const modelParams = {
    ...readModelParams(params.model),
    ...(options.epochs ? { epochs: options.epochs } : {}),
  };
  const schema = withTargetColumn(
    await loadSchema(resolveFromRoot(root, params.data.schema)),
    params.data.target,
  );
  const { tf, backend } = await loadTensorflow();
  const dir = await mkdtemp(join(tmpdir(), 'modelship-train-bench-'));
  const results: TrainBenchRow[] = [];
  log(
    `training benchmark: tfjs ${tf.version.tfjs} on ${backend}, MLP ${JSON.stringify(modelParams.hiddenUnits)}, batch ${modelParams.batchSize}`,
  );
  try {
    for (const rows of options.sizes ?? [50_000, 200_000]) {
      const file = join(dir, `churn-${rows}.csv`);
      await generateChurnCsv(file, { rows, seed: options.seed ?? 42 });
      const dataset = await loadDataset(file, schema);
      const split = splitDataset(dataset.labels, params.split);
      const spec = fitFeatureSpec(selectRows(dataset.rows, split.train), schema, modelParams);
      const matrix = (indices: Uint32Array): LabelledMatrix => {
        const m = transformRows(spec, selectRows(dataset.rows, indices));
        return {
          x: m.data,
          y: selectLabels(dataset.labels, indices),
          rows: m.rows,
          width: m.width,
        };
      };
      const [train, validation, test] = [
        matrix(split.train),
        matrix(split.validation),
        matrix(split.test),
      ];

      const baseline = await measurePeakMemory(async () => {
        const features = { rows: train.rows, columns: train.width, values: train.x };
        const model = fitLogisticRegression(features, train.y, { l2: 1 });
        const scores = predictLogisticRegression(model, {
          rows: test.rows,
          columns: test.width,
          values: test.x,
        });
        return { rocAuc: computeRocAuc(test.y, scores) ?? Number.NaN };
      });
      const network = await measurePeakMemory(async () => {
        const trained = await trainNetwork(tf, modelParams, train, validation);
        const x = tf.tensor2d(test.x, [test.rows, test.width]);
        const scores = await predictProbabilities(tf, trained.model, x);
        x.dispose();
        trained.model.dispose();
        return { epochs: trained.epochsRun, rocAuc: computeRocAuc(test.y, scores) ?? Number.NaN };
      });
      const row: TrainBenchRow = {
        rows,
        backend,
        network: {
          seconds: network.seconds,
          epochs: network.value.epochs,
          rowsPerSecondPerEpoch: (train.rows * network.value.epochs) / network.seconds,
          peakRssMb: network.peakRssMb,
          addedRssMb: network.addedRssMb,
          rocAuc: network.value.rocAuc,
        },
        baseline: {
          seconds: baseline.seconds,
          peakRssMb: baseline.peakRssMb,
          addedRssMb: baseline.addedRssMb,
          rocAuc: baseline.value.rocAuc,
        },
      };
      results.push(row);
      printRow(row, log);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

function printRow({ rows, network, baseline }: TrainBenchRow, log: (line: string) => void): void {
  const n = rows.toLocaleString('en-US');
  log(
    `${n} rows  mlp: ${network.seconds.toFixed(1)}s for ${network.epochs} epochs, ${Math.round(network.rowsPerSecondPerEpoch).toLocaleString('en-US')} rows/s per epoch, peak RSS ${network.peakRssMb} MB (+${network.addedRssMb} MB), test ROC AUC ${network.rocAuc.toFixed(4)}`,
  );
  log(
    `${n} rows  logistic regression (baseline): ${baseline.seconds.toFixed(1)}s, peak RSS ${baseline.peakRssMb} MB (+${baseline.addedRssMb} MB), test ROC AUC ${baseline.rocAuc.toFixed(4)}`,
  );
  log(
    `${n} rows  ratio mlp/baseline: time ${(network.seconds / baseline.seconds).toFixed(2)}x, added RSS ${network.addedRssMb} vs ${baseline.addedRssMb} MB, ROC AUC ${(network.rocAuc / baseline.rocAuc).toFixed(4)}x (${(network.rocAuc - baseline.rocAuc >= 0 ? '+' : '') + (network.rocAuc - baseline.rocAuc).toFixed(4)})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runTrainBench();
}
