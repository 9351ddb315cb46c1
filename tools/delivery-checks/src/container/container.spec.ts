// The Docker image, checked without a Docker engine: the Dockerfile's shape, its COPY sources, and
// its runtime run another way (the production build installed alone and started as the image does).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSchemaRow } from '../../test/build-schema-row.js';
import { FIXTURE_MODEL_NAME, readModelFixture, WORKSPACE_ROOT } from '../../test/model-fixture.js';
import { startService } from '../../test/start-service.js';
import { isDockerIgnored } from './match-dockerignore.js';
import type { DockerStage } from './parse-dockerfile.js';
import { evaluateStageEnv, findInstructions, parseDockerfile } from './parse-dockerfile.js';

const run = promisify(execFile);
const dockerfile = parseDockerfile(readFileSync(join(WORKSPACE_ROOT, 'Dockerfile'), 'utf8'));
const dockerignore = readFileSync(join(WORKSPACE_ROOT, '.dockerignore'), 'utf8');
const runtime = dockerfile.stages.at(-1) as DockerStage;
const stageNames = dockerfile.stages.map((stage) => stage.name);
const copies = dockerfile.stages.flatMap((stage) =>
  [...findInstructions(stage, 'COPY'), ...findInstructions(stage, 'ADD')].map((instruction) => ({
    stage,
    instruction,
    sources: instruction.args.slice(0, -1),
  })),
);

describe('Dockerfile', () => {
  it('has build, production-dependency and runtime stages on a pinned glibc Node image', () => {
    expect(stageNames).toEqual(['build', 'prod-deps', 'runtime']);
    const image = dockerfile.globalArgs['NODE_IMAGE'] ?? '';
    expect(image).toMatch(/^node:\d+\.\d+\.\d+-(bookworm|bullseye)(-slim)?$/);
    for (const stage of dockerfile.stages) expect(stage.from).toBe('${NODE_IMAGE}');
  });

  it.each([
    ['runs as a non-root user', () => findInstructions(runtime, 'USER').at(-1)?.args[0], 'node'],
    ['exposes 443', () => findInstructions(runtime, 'EXPOSE').flatMap((i) => i.args), ['443']],
    ['sets PORT=443', () => evaluateStageEnv(dockerfile, runtime)['PORT'], '443'],
    [
      'sets NODE_ENV=production',
      () => evaluateStageEnv(dockerfile, runtime)['NODE_ENV'],
      'production',
    ],
    [
      'runs tini as PID 1',
      () => findInstructions(runtime, 'ENTRYPOINT')[0]?.args,
      ['/usr/bin/tini', '--'],
    ],
    [
      'starts the bundled service',
      () => findInstructions(runtime, 'CMD')[0]?.args,
      ['node', 'main.js'],
    ],
  ])('runtime stage %s', (_, read, expected) => {
    expect(read()).toEqual(expected);
  });

  it('checks health on /health/live with node (no curl in the image)', () => {
    const [healthcheck] = findInstructions(runtime, 'HEALTHCHECK');
    expect(healthcheck?.text).toMatch(/CMD \["node", "-e", ".*\/health\/live/);
  });

  it('serves a baked model only when the build fetched one', () => {
    expect(evaluateStageEnv(dockerfile, runtime)['MODEL_DIR']).toBe('');
    const baked = evaluateStageEnv(dockerfile, runtime, { MODEL_REGISTRY: 'azblob://a/models' });
    expect(baked['MODEL_DIR']).toBe('/app/model');
  });

  it.each(copies.filter(({ instruction }) => !instruction.flags['from']))(
    'copies from the build context only files that exist and .dockerignore keeps (line $instruction.line)',
    ({ sources }) => {
      for (const source of sources) {
        expect([source, existsSync(join(WORKSPACE_ROOT, source))]).toEqual([source, true]);
        expect([source, isDockerIgnored(source, dockerignore)]).toEqual([source, false]);
      }
    },
  );

  it.each(copies.filter(({ instruction }) => instruction.flags['from']))(
    'copies --from an earlier stage (line $instruction.line)',
    ({ stage, instruction }) => {
      const from = stageNames.indexOf(instruction.flags['from'] ?? '');
      expect(from).toBeGreaterThanOrEqual(0);
      expect(from).toBeLessThan(stageNames.indexOf(stage.name));
    },
  );
});

describe('the image runtime, run without Docker', () => {
  let app = '';

  beforeAll(async () => {
    // What the build stage runs, then what the prod-deps stage runs, in a folder outside the
    // workspace so nothing resolves from the workspace's node_modules.
    const build = findInstructions(dockerfile.stages[0] as DockerStage, 'RUN').find((i) =>
      i.text.includes('serving:build'),
    );
    await run('sh', ['-c', build?.text ?? 'false'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    app = await mkdtemp(join(tmpdir(), 'modelship-image-'));
    await cp(join(WORKSPACE_ROOT, 'dist/apps/serving'), app, { recursive: true });
    const install = findInstructions(dockerfile.stages[1] as DockerStage, 'RUN')[0];
    await run('sh', ['-c', install?.text ?? 'false'], { cwd: app });
  }, 300_000);

  afterAll(async () => {
    if (app) await rm(app, { recursive: true, force: true });
  });

  it('has every file a later stage copies from the build stage', () => {
    const fromBuild = copies.filter(({ instruction }) => instruction.flags['from'] === 'build');
    const produced = fromBuild
      .flatMap(({ sources }) => sources)
      .filter((source) => source.startsWith('/workspace/dist/'))
      .map((source) => source.replace('/workspace/', ''));
    expect(produced.length).toBeGreaterThan(0);
    for (const path of produced)
      expect([path, existsSync(join(WORKSPACE_ROOT, path))]).toEqual([path, true]);
  });

  it('installs only the packages the bundles import, pinned to the root lockfile', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies?: unknown;
    };
    expect(manifest.devDependencies).toBeUndefined();
    expect(Object.keys(manifest.dependencies)).toEqual(
      // TensorFlow.js serves tfjs-only bundles (MODEL_DIR); onnxruntime-node serves the rest.
      expect.arrayContaining(['express', 'onnxruntime-node', '@tensorflow/tfjs']),
    );
    const lock = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    for (const [name, version] of Object.entries(manifest.dependencies)) {
      expect([name, version]).toEqual([name, lock.packages[`node_modules/${name}`]?.version]);
    }
    for (const banned of ['tsx', 'nx', 'jest', '@tensorflow/tfjs-node', 'typescript', 'esbuild']) {
      expect([banned, existsSync(join(app, 'node_modules', banned))]).toEqual([banned, false]);
    }
  });

  it('answers health and a prediction, then exits 0 on SIGTERM', async () => {
    const fixture = readModelFixture();
    const [command] = findInstructions(runtime, 'CMD');
    const env = evaluateStageEnv(dockerfile, runtime);
    const service = await startService({
      command: command?.args ?? [],
      cwd: app,
      cleanEnv: true,
      env,
      modelDir: fixture.bundleDir,
    });
    try {
      expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
      expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
      const response = await fetch(`${service.url}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(await buildSchemaRow(fixture.bundleDir)),
      });
      const body = (await response.json()) as {
        model?: string;
        probability?: number;
        label?: string;
      };
      expect(response.status).toBe(200);
      expect(body.model).toBe(FIXTURE_MODEL_NAME);
      expect(body.probability).toBeGreaterThanOrEqual(0);
      expect(body.probability).toBeLessThanOrEqual(1);
      // The fixture's churn target is written 0/1: its class texts.
      expect(['0', '1']).toContain(body.label);
    } finally {
      expect(await service.stop()).toBe(0);
    }
  });
});
