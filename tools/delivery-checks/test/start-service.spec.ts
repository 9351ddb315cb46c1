import { readModelFixture } from './model-fixture.js';
import { startService } from './start-service.js';

describe('startService', () => {
  it('resolves once the service is ready and stops it with SIGTERM, exit code 0', async () => {
    const service = await startService({ modelDir: readModelFixture().bundleDir });
    try {
      const ready = await fetch(`${service.url}/health/ready`);
      expect(ready.status).toBe(200);
    } finally {
      expect(await service.stop()).toBe(0);
    }
  });

  it('rejects with the process output when the service cannot start', async () => {
    await expect(
      startService({ env: { WORKERS: 'many' }, readyTimeoutMs: 20_000 }),
    ).rejects.toThrow(/exited|not ready/);
  });
});
