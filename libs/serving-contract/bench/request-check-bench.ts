// The cost of checking a request body on the hot path, per candidate, against today's
// hand-written readers in apps/serving: ns per request, printed as ratios in one run.
// `node --import tsx libs/serving-contract/bench/request-check-bench.ts`
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { build } from 'esbuild';
import { Value } from '@sinclair/typebox/value';
import { z } from 'zod';
import { PredictRequest } from '../src/schemas/predict-schemas.js';
import { V2InferRequest } from '../src/schemas/v2-schemas.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const WIDTH = 20;
const ROWS = 4;

// Bodies shaped like a real request: 20 raw features of mixed types; a [4, 20] FP32 tensor.
const predictBody = Object.fromEntries(
  Array.from({ length: WIDTH }, (_, i) => [`f${i}`, i % 3 === 0 ? `c${i}` : i * 1.5]),
);
const v2Body = {
  id: 'bench',
  inputs: [
    {
      name: 'features',
      datatype: 'FP32',
      shape: [ROWS, WIDTH],
      data: Array.from({ length: ROWS * WIDTH }, (_, i) => i / 10),
    },
  ],
  outputs: [{ name: 'probability' }],
};

// The same shapes in zod, for the zod + zod-to-openapi candidate.
const zodInstance = z.record(z.string(), z.unknown());
const zodPredict = z.union([
  z.strictObject({ instances: z.array(zodInstance).min(1) }),
  zodInstance,
]);
const zodV2 = z.object({
  id: z.string().optional(),
  inputs: z
    .array(
      z.object({
        name: z.string().min(1),
        shape: z.array(z.number().int().min(0)).min(1),
        datatype: z.string(),
        data: z.array(z.unknown()),
      }),
    )
    .min(1),
  outputs: z.array(z.object({ name: z.enum(['probability', 'label']) })).optional(),
});

type Check = (body: unknown) => unknown;

async function main(): Promise<void> {
  const { readPredictInstances, readV2Request } = await loadServingReaders();
  const compiledPredict = TypeCompiler.Compile(PredictRequest);
  const compiledV2 = TypeCompiler.Compile(V2InferRequest);
  const cases: { body: string; candidates: [string, Check][] }[] = [
    {
      body: '/predict, one instance of 20 features',
      candidates: [
        ['hand-written (today)', (b) => readPredictInstances(b, 256)],
        ['TypeBox compiled', (b) => compiledPredict.Check(b)],
        ['TypeBox Value.Check', (b) => Value.Check(PredictRequest, b)],
        ['zod 4 safeParse', (b) => zodPredict.safeParse(b)],
      ],
    },
    {
      body: `V2 infer, one FP32 tensor [${ROWS}, ${WIDTH}]`,
      candidates: [
        ['hand-written (today)', (b) => readV2Request(b)],
        ['TypeBox compiled', (b) => compiledV2.Check(b)],
        ['TypeBox Value.Check', (b) => Value.Check(V2InferRequest, b)],
        ['zod 4 safeParse', (b) => zodV2.safeParse(b)],
      ],
    },
  ];
  for (const { body, candidates } of cases) {
    const value = body.startsWith('/predict') ? predictBody : v2Body;
    for (const [, check] of candidates) assertAccepts(check, value);
    const results = candidates.map(([name, check]) => ({ name, ns: measure(check, value) }));
    const baseline = results[0].ns;
    process.stdout.write(`\n${body}\n`);
    for (const { name, ns } of results) {
      const line = `  ${name.padEnd(22)} ${ns.toFixed(0).padStart(7)} ns/request  ${(ns / baseline).toFixed(2)}x`;
      process.stdout.write(`${line}\n`);
    }
  }
}

// Bundled by esbuild the way serving's build ships them (tsx's own transform names every closure
// it creates, which costs about 1 µs per call and is not what production runs), and loaded by
// path: the contract must not depend on the app it describes.
async function loadServingReaders() {
  const dir = join(ROOT, 'apps/serving/src/input');
  const entry = [
    `export { readPredictInstances } from ${JSON.stringify(join(dir, 'read-predict-instances.ts'))};`,
    `export { readV2Request } from ${JSON.stringify(join(dir, 'read-v2-inputs.ts'))};`,
  ].join('\n');
  const bundled = await build({
    stdin: { contents: entry, resolveDir: dir, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
  });
  const code = Buffer.from(bundled.outputFiles[0].contents).toString('base64');
  return (await import(`data:text/javascript;base64,${code}`)) as {
    readPredictInstances: (body: unknown, max: number) => unknown;
    readV2Request: (body: unknown) => unknown;
  };
}

function assertAccepts(check: Check, body: unknown): void {
  const result = check(body);
  const ok = result === true || (typeof result === 'object' && result !== null);
  const failed = (result as { success?: boolean } | null)?.success === false || result === false;
  if (!ok || failed) throw new Error(`a candidate refused the bench body: ${String(result)}`);
}

// Every result is kept here, so the JIT cannot drop a check whose answer goes unused.
const sink: unknown[] = [];

// Median of 5 rounds of 100k checks each, after a warm-up, in ns per check.
function measure(check: Check, body: unknown): number {
  const iterations = 100_000;
  for (let i = 0; i < iterations; i++) sink[i & 1023] = check(body);
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) sink[i & 1023] = check(body);
    rounds.push(Number(process.hrtime.bigint() - started) / iterations);
  }
  return rounds.sort((a, b) => a - b)[2];
}

await main();
