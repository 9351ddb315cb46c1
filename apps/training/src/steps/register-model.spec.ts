import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSampleBundle } from '@modelship/model-bundle/testing';
import { DEFAULT_REGISTRY_URL, openRegistry } from '@modelship/model-registry';
import type { Params } from '@modelship/params';
import { registerBundle, selectRegistryUrl } from './register-model.js';
import { createStepContext } from './step-context.js';
import type { StepContext } from './step-context.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'register-step-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

function contextFor(url: string) {
  const lines: string[] = [];
  const params = {
    registry: { url },
    model: { name: 'churn', seed: 1 },
  } as unknown as Params;
  return { ctx: createStepContext({ root, params, log: (line) => lines.push(line) }), lines };
}

async function bundle(seed: number, gatePassed = true): Promise<string> {
  const dir = join(root, `bundle-${seed}`);
  await writeSampleBundle(dir, { seed, weightsKb: 2, gatePassed });
  return dir;
}

test.each([
  [
    'the embedded registry with a passed gate',
    'production',
    'file:.modelship/registry',
    true,
    undefined,
  ],
  [
    'the embedded registry with a failed gate',
    'none',
    'file:.modelship/registry',
    false,
    undefined,
  ],
  ['a shared registry by default', 'none', 'file:shared-registry', true, undefined],
  ['a shared registry with --promote', 'production', 'file:shared-registry', true, true],
  ['the embedded registry with --no-promote', 'none', 'file:.modelship/registry', true, false],
])(
  'registering on %s leaves the version in stage %s',
  async (_case, stage, url, gatePassed, promote) => {
    const { ctx } = contextFor(url);
    const result = await registerBundle(ctx, await bundle(1, gatePassed), { promote });
    expect(result.version.version).toBe(1);
    const registry = await openRegistry(url, { root });
    expect((await registry.getVersion('churn', { version: 1 })).stage).toBe(stage);
  },
);

test('a second passing bundle replaces production, and re-registering a bundle changes nothing', async () => {
  const { ctx, lines } = contextFor('file:.modelship/registry');
  await registerBundle(ctx, await bundle(1));
  const second = await bundle(2);
  await registerBundle(ctx, second);
  const again = await registerBundle(ctx, second);
  expect([again.created, again.promoted, again.version.version]).toEqual([false, false, 2]);
  const registry = await openRegistry('file:.modelship/registry', { root });
  expect((await registry.listVersions('churn')).map((v) => `${v.version}:${v.stage}`)).toEqual([
    '1:archived',
    '2:production',
  ]);
  expect(lines.at(-1)).toBe('v2 is already in production');
});

describe('selectRegistryUrl', () => {
  const ctxWith = (url?: string) =>
    ({ params: { registry: url === undefined ? undefined : { url } } }) as unknown as StepContext;

  it.each([
    [
      '$MODEL_REGISTRY wins over params.yaml',
      'file:local',
      { MODEL_REGISTRY: 'azblob://a/c' },
      'azblob://a/c',
    ],
    [
      'params.yaml when $MODEL_REGISTRY is blank',
      'file:local',
      { MODEL_REGISTRY: ' ' },
      'file:local',
    ],
    ['the embedded default when neither is set', undefined, {}, DEFAULT_REGISTRY_URL],
  ])('%s', (_title, url, env, expected) => {
    expect(selectRegistryUrl(ctxWith(url), env)).toBe(expected);
  });
});
