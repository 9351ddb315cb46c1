import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import { openRegistry } from '@modelship/model-registry';
import { describeNotReady } from '../routes/health-routes.js';
import { fixtureRegistryUrl, startTestServer } from '../../test/serving-fixture.js';
import { startServingProcess, waitFor } from '../../test/serving-process.js';

describe('graceful shutdown', () => {
  it('turns readiness false as soon as shutdown starts', async () => {
    const server = await startTestServer();
    await server.http.get('/health/ready').expect(200);
    const stopping = server.close();
    expect(describeNotReady(server.ctx)).toBe('The service is shutting down.');
    await stopping;
  });

  it('waits for a model fetch and load in flight before it resolves', async () => {
    const server = await startTestServer();
    const registry = await openRegistry(fixtureRegistryUrl());
    let settled = false;
    // Fetches the version again into the cache (force) and loads it: what a poll or a rollout does.
    const loading = server.ctx.loader.loadFromRegistry(
      registry,
      { name: 'churn', version: 1 },
      'x',
    );
    void loading.then(
      () => (settled = true),
      () => (settled = true),
    );
    await server.close();
    expect(settled).toBe(true);
    await (await loading).close();
  });

  it('on SIGTERM finishes the request in flight, refuses new connections and exits 0', async () => {
    const service = await startServingProcess();
    const { child, url, example, output, exited } = service;
    try {
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
      await waitFor(() => (output().includes('shutting down') ? true : undefined));
      await expect(fetch(`${url}/health/live`)).rejects.toThrow();
      inFlight.end(body.slice(5));
      const [response] = (await answered) as [IncomingMessage];
      expect(response.statusCode).toBe(200);
      expect(response.headers.connection).toBe('close');
      const code = await exited;
      expect(code).toBe(0);
      expect(output()).toContain('"msg":"shut down"');
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
