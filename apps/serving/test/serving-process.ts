import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetSchema } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import { buildExampleRow, formatPredictCurl } from '../src/input/build-example-row.js';
import { fixtureBundleDir, testEnv } from './serving-fixture.js';

const MAIN = join(import.meta.dirname, '..', 'src', 'main.ts');

/** The service's main.ts running as a child process, as a deployment runs it. */
export interface ServingProcess {
  child: ChildProcess;
  url: string;
  /** An example row of the fixture model's raw features. */
  example: Record<string, unknown>;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * Starts `main.ts` through tsx with the test environment (plus `overrides`) and resolves once it
 * listens and has loaded the fixture model (in cluster mode, once every process has). Kill it
 * with SIGKILL in a `finally`.
 */
export async function startServingProcess(
  overrides: Record<string, string> = {},
): Promise<ServingProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...testEnv({ LOG_LEVEL: 'info', ...overrides }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const read = () => output;
  try {
    // A cold start compiles the service with tsx and starts a worker: slow on a busy CI machine.
    const url = await waitFor(() => /"url":"(http:[^"]+)"/.exec(output)?.[1], 60_000, read);
    // pino writes asynchronously, so its "loaded" line and the printed curl come in either order.
    const example = await readExampleRow();
    const curl = formatPredictCurl(url, example);
    const processes = Number(overrides['CLUSTER_WORKERS'] ?? 1);
    await waitFor(
      () =>
        output.includes(curl) && output.split('verified and loaded').length > processes
          ? true
          : undefined,
      60_000,
      read,
    );
    return { child, url, example, output: read, exited };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** Polls `probe` every 20 ms until it gives a value; fails with what `read` says on timeout. */
export async function waitFor<T>(
  probe: () => T | undefined,
  timeoutMs = 20_000,
  read: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; the service said:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function readExampleRow(): Promise<Record<string, unknown>> {
  const read = async <T>(file: string) =>
    JSON.parse(await readFile(join(fixtureBundleDir(), file), 'utf8')) as T;
  return buildExampleRow(
    await read<FeatureSpec>('feature-spec.json'),
    await read<DatasetSchema>('input-schema.json'),
  );
}
