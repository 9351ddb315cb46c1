// The lifecycle demo end to end, shortened (fewer rows): real processes for every command and for
// the service, real HTTP, a real file registry and feedback store, in a throwaway workspace.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry } from '@modelship/model-registry';
import { readParams as loadParams } from '@modelship/params';
import { REPORT_FILES } from './lifecycle-report.js';
import { APPS_ROOT } from './run-modelship.js';
import { runLifecycle, type LifecycleResult } from './run-lifecycle.js';

const dir = mkdtempSync(join(tmpdir(), 'modelship-lifecycle-'));
let result: LifecycleResult;
const lines: string[] = [];

beforeAll(async () => {
  result = await runLifecycle(APPS_ROOT, {
    dir,
    poolRows: 4000,
    baselineLabels: 500,
    driftLabels: 3000,
    copyReportTo: null,
    print: (line) => lines.push(line),
  });
  if (!result.passed) process.stderr.write(`${lines.join('\n')}\n`);
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the lifecycle demo', () => {
  it('passes every stage', () => {
    expect(result.failure).toBeNull();
  });

  it('detects the drift with ct-check (drift trigger fired)', () => {
    expect(Object.keys(result.facts.firstFired as object)).toContain('drift');
    expect(result.marks.driftDetected).toBeGreaterThan(result.marks.driftStarted ?? Infinity);
  });

  it('ingests the labelled rows and trains a challenger that beats the champion on the same holdout', () => {
    expect(result.facts.ingest).toMatchObject({ quarantined: 0 });
    expect((result.facts.ingest as { appended: number }).appended).toBeGreaterThanOrEqual(3000);
    expect(result.facts.championChallenger).toMatchObject({ winner: 'challenger' });
  });

  it('promotes v2 through the canary and rolls v3 back on its live accuracy', () => {
    expect(result.facts.v2).toBe(2);
    expect(result.facts.v3).toBe(3);
    expect(result.marks.v2Promoted).toBeDefined();
    expect(result.facts.rolledBackBy).toMatch(/service's canary checks: .*live_accuracy/);
  });

  it('fails no request during the promotion and the rollback', () => {
    expect(result.facts.failedDuringSwaps).toBe(0);
  });

  it("leaves the registry's history telling the same story", async () => {
    const registry = await openRegistry('file:.modelship/registry', { root: result.workspace });
    const model = loadParams(APPS_ROOT).model.name;
    const versions = await registry.listVersions(model);
    const stages = versions.map((v) => [v.version, v.stage]).sort((a, b) => +a[0]! - +b[0]!);
    expect(stages).toEqual([
      [1, 'archived'],
      [2, 'production'],
      [3, 'archived'],
    ]);
    const moves = (await registry.history(model)).map((e) => `v${e.version} ${e.to} ${e.by}`);
    expect(moves).toEqual(
      expect.arrayContaining([
        'v2 staging lifecycle-demo',
        'v2 production modelship-serving',
        'v1 archived modelship-serving',
        'v3 staging lifecycle-demo',
        'v3 archived modelship-serving',
      ]),
    );
  });

  it('writes the report with its three charts', () => {
    for (const file of Object.values(REPORT_FILES)) {
      expect(existsSync(join(result.reportDir, file))).toBe(true);
    }
  });
});
