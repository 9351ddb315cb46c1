import { readdirSync, readFileSync } from 'node:fs';
import { readModelFixture } from './model-fixture.js';
import { startService, startServicePair } from './start-service.js';

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

describe('startServicePair', () => {
  it('when one service cannot start, stops the other before rejecting', async () => {
    await expect(
      startServicePair(
        { modelDir: readModelFixture().bundleDir },
        { env: { WORKERS: 'many' }, readyTimeoutMs: 20_000 },
      ),
    ).rejects.toThrow(/exited|not ready/);
    // Neither service is left running.
    expect(serviceChildren()).toEqual([]);
  });
});

// The command lines of this process's children that run the service (/proc/<pid>/stat's fourth
// field is the parent; Jest's own esbuild service is a child too).
function serviceChildren(): string[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] !== String(process.pid)) return [];
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      return command.includes('apps/serving/') ? [command] : [];
    } catch {
      return []; // exited meanwhile
    }
  });
}
