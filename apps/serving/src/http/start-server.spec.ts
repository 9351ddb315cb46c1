import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { DatasetSchema } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import { buildExampleRow, formatPredictCurl } from '../input/build-example-row.js';
import { describeNotReady } from '../routes/health-routes.js';
import { fixtureBundleDir, startTestServer, testEnv } from '../../test/serving-fixture.js';

const MAIN = join(import.meta.dirname, '..', 'main.ts');

describe('graceful shutdown', () => {
  it('turns readiness false as soon as shutdown starts', async () => {
    const server = await startTestServer();
    await server.http.get('/health/ready').expect(200);
    const stopping = server.close();
    expect(describeNotReady(server.ctx)).toBe('The service is shutting down.');
    await stopping;
  });

  it('on SIGTERM finishes the request in flight, refuses new connections and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, ...testEnv({ LOG_LEVEL: 'info' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      // A cold start compiles the service with tsx and starts a worker: slow on a busy CI machine.
      const url = await waitFor(
        () => /"url":"(http:[^"]+)"/.exec(output)?.[1],
        60_000,
        () => output,
      );
      // pino writes asynchronously, so its "loaded" line and the printed curl come in either order.
      const example = await readExampleRow();
      const curl = formatPredictCurl(url, example);
      await waitFor(
        () => (output.includes(curl) && output.includes('verified and loaded') ? true : undefined),
        60_000,
        () => output,
      );

      // A request whose body is only half sent when SIGTERM arrives.
      const body = JSON.stringify(example);
      const inFlight = request(`${url}/predict`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': body.length },
      });
      const answered = once(inFlight, 'response');
      inFlight.write(body.slice(0, 5));
      await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill('SIGTERM');
      await waitFor(() => (output.includes('shutting down') ? true : undefined));
      await expect(fetch(`${url}/health/live`)).rejects.toThrow();
      inFlight.end(body.slice(5));
      const [response] = (await answered) as [import('node:http').IncomingMessage];
      expect(response.statusCode).toBe(200);
      const [code] = await exited;
      expect(code).toBe(0);
      expect(output).toContain('"msg":"shut down"');
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});

async function waitFor<T>(
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
