// `modelship acceptance`, the last check before production traffic in cd.yml and Azure
// Pipelines, run as CI runs it against the real service over a socket: it accepts the service
// serving the bundle and rejects another version, a transform skew, a wrong version number and
// slow answers, naming the first mismatches.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readModelFixture, WORKSPACE_ROOT } from '../../test/model-fixture.js';
import type { RunningService } from '../../test/start-service.js';
import { startServicePair } from '../../test/start-service.js';
import { trainRivalBundle } from './train-rival-bundle.js';

const fixture = readModelFixture();
let served: RunningService;
let rival: RunningService;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'acceptance-'));
  const rivalBundle = await trainRivalBundle(fixture);
  [served, rival] = await startServicePair(
    { modelDir: fixture.bundleDir },
    { modelDir: rivalBundle },
  );
}, 300_000);

afterAll(async () => {
  await Promise.all([served?.stop(), rival?.stop()]);
  await rm(scratch, { recursive: true, force: true });
});

describe('modelship acceptance against the real service', () => {
  it('accepts the service serving the bundle, and writes the report to the job summary', async () => {
    const summary = join(scratch, 'summary.md');
    const run = await acceptance(['--url', served.url, '--bundle', fixture.bundleDir], {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(run.code).toBe(0);
    for (const check of ['predictions', 'metrics', 'model', 'latency']) {
      expect(run.stdout).toMatch(new RegExp(`PASS +${check}: `));
    }
    expect(run.stdout).toMatch(/Accepted\.$/m);
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toContain('### Model acceptance: accepted');
    expect(markdown).toContain('| predictions | ✅ pass |');
  });

  it('rejects a service serving another version, naming the first rows that differ', async () => {
    const run = await acceptance(['--url', rival.url, '--bundle', fixture.bundleDir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL +predictions: \d+\/\d+ answers equal the offline prediction/);
    expect(run.stdout).toMatch(/row 0: expected p=[\d.e-]+ label=[01], got p=[\d.e-]+ label=[01]/);
    expect(run.stdout).toMatch(/FAIL +metrics: /);
    expect(run.stdout).toMatch(/Rejected: the live service differs from the bundle\.$/m);
  });

  it('fails on a tolerance breach (a feature transform that drifted) and passes within a wider tolerance', async () => {
    const skewed = await skewBundle();
    const strict = await acceptance([
      '--url',
      served.url,
      '--bundle',
      skewed,
      '--holdout',
      holdout(),
    ]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/FAIL +predictions: .*tolerance 0\.00001\)/);
    const loose = await acceptance([
      '--url',
      served.url,
      '--bundle',
      skewed,
      '--holdout',
      holdout(),
      '--tolerance',
      '0.5',
    ]);
    expect(loose.stdout).toMatch(/PASS +predictions: .*tolerance 0\.5\)/);
  });

  it('rejects a service that reports another version than the deployment registered', async () => {
    const run = await acceptance([
      '--url',
      served.url,
      '--bundle',
      fixture.bundleDir,
      '--model-version',
      '2',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL +model: /);
    expect(run.stdout).toMatch(/version: expected 2, got unregistered/);
  });

  it('rejects answers slower than the latency limits', async () => {
    const run = await acceptance([
      '--url',
      served.url,
      '--bundle',
      fixture.bundleDir,
      '--max-p95-ms',
      '0',
      '--max-p99-ms',
      '0',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL +latency: /);
    expect(run.stdout).toMatch(/p95: expected <= 0 ms, got [\d.]+ ms/);
  });

  it('replays a sample with --max-rows and skips the metrics (they describe the whole holdout)', async () => {
    const run = await acceptance([
      '--url',
      served.url,
      '--bundle',
      fixture.bundleDir,
      '--max-rows',
      '30',
      '--batch-size',
      '7',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/PASS +predictions: 30\/30 /);
    expect(run.stdout).toMatch(/SKIPPED metrics: /);
    expect(run.stdout).toMatch(/latency: 5 requests/);
  });

  it.each([
    [
      'no service at the URL',
      ['--url', 'http://127.0.0.1:9', '--bundle', fixture.bundleDir],
      /is unreachable .*npm run serve/,
    ],
    [
      'no holdout beside the bundle',
      ['--url', 'http://127.0.0.1:9', '--bundle', fixture.bundleDir, '--holdout', '/nonexistent'],
      /\/nonexistent\/manifest\.json not found: pass --holdout/,
    ],
    [
      'a bad option',
      ['--url', 'http://127.0.0.1:9', '--bundle', fixture.bundleDir, '--batch-size', '0'],
      /--batch-size must be a positive integer, got `0`/,
    ],
  ])('exits 2 on %s, saying what to do', async (_, args, message) => {
    const run = await acceptance(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

// Every task, on models trained from generated data of another shape (an id and an ignored
// column, missing values): the real service answers class texts with every class's probability,
// or values in the target's units, and acceptance compares them with the bundle's own.
describe.each(['multiclass', 'regression'] as const)(
  'modelship acceptance against the real service of a %s model',
  (task) => {
    const taskFixture = readModelFixture(task);
    let own: RunningService;
    let other: RunningService;
    beforeAll(async () => {
      const rivalBundle = await trainRivalBundle(taskFixture);
      [own, other] = await startServicePair(
        { modelDir: taskFixture.bundleDir },
        { modelDir: rivalBundle },
      );
    }, 300_000);
    afterAll(async () => {
      await Promise.all([own?.stop(), other?.stop()]);
    });

    it('accepts the service serving the bundle: every answer and the metrics match', async () => {
      const run = await acceptance(['--url', own.url, '--bundle', taskFixture.bundleDir]);
      expect({ code: run.code, stdout: run.stdout, stderr: run.stderr.slice(-1000) }).toMatchObject(
        { code: 0 },
      );
      expect(run.stdout).toMatch(
        /PASS +predictions: (\d+)\/\1 answers equal the offline prediction/,
      );
      expect(run.stdout).toMatch(/PASS +metrics: .*match metrics\.json/);
      expect(run.stdout).toMatch(/Accepted\.$/m);
    });

    it('rejects a service serving another version of the model', async () => {
      const run = await acceptance(['--url', other.url, '--bundle', taskFixture.bundleDir]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /FAIL +predictions: \d+\/\d+ answers equal the offline prediction/,
      );
      expect(run.stdout).toMatch(/Rejected: the live service differs from the bundle\.$/m);
    });
  },
);

// --- internal ---

function holdout(): string {
  return join(fixture.workspace, 'artifacts', 'evaluation-inputs');
}

// A copy of the bundle whose first numeric feature is standardised with a slightly shifted mean:
// what an offline transform that drifted from serving's looks like.
async function skewBundle(): Promise<string> {
  const dir = join(scratch, 'skewed-bundle');
  await cp(fixture.bundleDir, dir, { recursive: true });
  const file = join(dir, 'feature-spec.json');
  const spec = JSON.parse(await readFile(file, 'utf8')) as {
    columns: { kind: string; mean?: number; std?: number }[];
  };
  const numeric = spec.columns.find((column) => column.kind === 'numeric');
  if (!numeric || numeric.mean === undefined || numeric.std === undefined) {
    throw new Error('The fixture has no numeric feature to skew.');
  }
  numeric.mean += numeric.std * 0.05;
  await writeFile(file, JSON.stringify(spec));
  return dir;
}

async function acceptance(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(WORKSPACE_ROOT, 'apps/training/bin/modelship.js'), 'acceptance', ...args],
      {
        cwd: WORKSPACE_ROOT,
        env: { ...process.env, GITHUB_STEP_SUMMARY: '', NO_COLOR: '1', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}
