// The kit's side of the GBDT benchmark, in a process of its own so its peak memory is its own:
// reads the matrices gbdt-bench.ts wrote, trains `trainGbdt`, writes the test predictions and
// prints one JSON line (wall time of the training, peak and loaded resident memory, rounds, and
// the threads that built the histograms: chosen as the pipeline chooses, or MODELSHIP_GBDT_THREADS).
// Usage: tsx gbdt-bench-worker.ts <folder written by the benchmark>
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GbdtHead, GbdtParams } from '../src/gbdt/gbdt-model.js';
import { chooseHistogramThreads } from '../src/gbdt/histogram-threads.js';
import { predictGbdt } from '../src/gbdt/predict-gbdt.js';
import { trainGbdt } from '../src/gbdt/train-gbdt.js';
import type { LabelledMatrix } from '../src/train/train-network.js';

/** What gbdt-bench.ts writes beside the matrices (`bench.json`). */
export interface BenchSpec {
  head: GbdtHead;
  width: number;
  params: GbdtParams;
}

const folder = process.argv[2] ?? '.';
const spec = JSON.parse(await readFile(join(folder, 'bench.json'), 'utf8')) as BenchSpec;

async function load(name: string): Promise<LabelledMatrix<Float64Array>> {
  const x = new Float32Array((await readFile(join(folder, `${name}.x.f32`))).buffer.slice(0));
  const y = new Float64Array((await readFile(join(folder, `${name}.y.f64`))).buffer.slice(0));
  return { x, y, rows: y.length, width: spec.width };
}

const [train, validation, test] = [
  await load('train'),
  await load('validation'),
  await load('test'),
];
const loadedRssMb = process.memoryUsage.rss() / 2 ** 20;
const threads = chooseHistogramThreads(train.rows, train.width);
const started = performance.now();
const model = trainGbdt(train, validation, spec.head, spec.params, undefined, threads);
const seconds = (performance.now() - started) / 1000;
const predicted = predictGbdt(model, test.x, test.rows);
await writeFile(join(folder, 'kit.pred.f32'), new Uint8Array(predicted.buffer));
process.stdout.write(
  `${JSON.stringify({
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    loadedRssMb,
    rounds: model.rounds,
    bestRound: model.bestRound,
    threads,
  })}\n`,
);
