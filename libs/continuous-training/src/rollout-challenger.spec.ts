import { join } from 'node:path';
import { writeSampleBundle } from '@modelship/model-bundle/testing';
import { openRegistry } from '@modelship/model-registry';
import { rolloutChallenger } from './rollout-challenger.js';
import { createCtWorkspace, type CtWorkspace } from './testing/ct-workspace.js';

let ws: CtWorkspace;
beforeEach(async () => {
  ws = await createCtWorkspace();
});
afterEach(() => ws.cleanup());

async function challenger(seed: number, gatePassed: boolean): Promise<string> {
  const dir = join(ws.root, 'tmp', `challenger-${seed}`);
  await writeSampleBundle(dir, { seed, weightsKb: 2, gatePassed });
  return dir;
}

describe('rolloutChallenger', () => {
  it('archives a challenger that failed its gate, with the reason, and never calls the service', async () => {
    await ws.promoteSampleBundle(1);
    const result = await rolloutChallenger(ws.ctx, {
      bundleDir: await challenger(2, false),
      serviceUrl: 'http://127.0.0.1:9',
      token: undefined,
    });
    expect(result).toEqual({ version: 2, outcome: 'rejected', timeline: [] });
    const registry = await openRegistry('file:.modelship/registry', { root: ws.root });
    expect((await registry.getVersion('churn', { version: 2 })).stage).toBe('archived');
    expect((await registry.getVersion('churn', { stage: 'production' })).version).toBe(1);
    const history = await registry.history('churn');
    expect(history.at(-1)).toMatchObject({
      action: 'archive',
      version: 2,
      reason: expect.stringMatching(/^challenger failed the gate: /),
    });
  });

  it.each([
    {
      name: 'refuses to roll out without ADMIN_TOKEN',
      token: undefined,
      error: /ADMIN_TOKEN is not set/,
    },
    {
      name: 'names the URL when the service cannot be reached',
      token: 'a-token-of-16-chars',
      error:
        /GET http:\/\/127\.0\.0\.1:9\/admin\/rollout failed|POST http:\/\/127\.0\.0\.1:9\/admin\/rollout failed/,
    },
  ])('$name, leaving the challenger in staging', async ({ token, error }) => {
    const attempt = rolloutChallenger(ws.ctx, {
      bundleDir: await challenger(3, true),
      serviceUrl: 'http://127.0.0.1:9',
      token,
    });
    await expect(attempt).rejects.toThrow(error);
    const registry = await openRegistry('file:.modelship/registry', { root: ws.root });
    expect((await registry.getVersion('churn', { version: 1 })).stage).toBe('staging');
  });
});
