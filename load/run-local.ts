// The k6 scenarios without k6: the same stages, payloads, checks and thresholds, driven by
// autocannon. `npm run load:local -- --url http://localhost:8080 --scenario smoke`.
// Exit codes: 0 every threshold passed, 1 a threshold failed, 2 bad arguments or no service.
import { ModelshipError } from '@modelship/core';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ThresholdsFile } from './lib/thresholds.js';
import { resolveLimits } from './lib/thresholds.js';
import { findScenario } from './lib/scenarios.js';
import { fetchTarget } from './local/fetch-target.js';
import { planStages, runStages } from './local/run-stages.js';
import { formatSummary, summarizeRun } from './local/summarize-run.js';

const USAGE = `Usage: npm run load:local -- --url <base URL> [--scenario smoke|load|stress|spike]
  [--scale <duration factor, e.g. 0.1>] [--batch <rows per V2 request>] [--model <name>]
  [--results-dir <folder>]   (limits: load/thresholds.json; env P95_MS, P99_MS, ERROR_RATE, CHECK_RATE)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: process.env['BASE_URL'] },
      scenario: { type: 'string', default: 'smoke' },
      scale: { type: 'string', default: '1' },
      batch: { type: 'string', default: process.env['BATCH_SIZE'] ?? '4' },
      model: { type: 'string', default: process.env['MODEL_NAME'] },
      'results-dir': { type: 'string', default: join(import.meta.dirname, 'results') },
    },
  });
  if (!values.url) throw new UsageError('--url is required (or set BASE_URL).');
  const scale = readPositive('--scale', values.scale);
  const batchSize = Math.round(readPositive('--batch', values.batch));
  const baseUrl = values.url.replace(/\/+$/, '');
  const scenario = findScenario(values.scenario);
  const thresholds = JSON.parse(
    await readFile(join(import.meta.dirname, 'thresholds.json'), 'utf8'),
  ) as ThresholdsFile;
  const limits = resolveLimits(thresholds, values.scenario, process.env);
  const target = await fetchTarget(baseUrl, values.model);
  const stages = planStages(scenario, scale);
  console.log(
    `${values.scenario}: ${scenario.description}; model ${target.model}; stages ${stages.map((s) => `${s.connections}x${s.seconds}s`).join(', ')}`,
  );
  const result = await runStages(stages, { baseUrl, target, batchSize, scale });
  const summary = summarizeRun(values.scenario, baseUrl, result, limits);
  console.log(formatSummary(summary));
  await mkdir(values['results-dir'], { recursive: true });
  const file = join(values['results-dir'], `${values.scenario}-local-summary.json`);
  await writeFile(file, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`summary: ${file}`);
  return summary.passed ? 0 : 1;
}

// --- internal ---

class UsageError extends ModelshipError {}

function readPositive(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} must be a positive number, got \`${text}\`.`);
  }
  return value;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(`load:local: ${error.message}`);
    if (error instanceof UsageError) console.error(USAGE);
    process.exitCode = 2;
  },
);
