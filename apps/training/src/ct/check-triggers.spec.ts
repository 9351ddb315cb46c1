import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { checkTriggers } from './check-triggers.js';
import { readCtState, writeCtState } from './ct-state.js';
import { formatTriggerTable, writeCiOutputs } from './format-triggers.js';
import { createCtWorkspace, makeChurnFeedback, type CtWorkspace } from './testing/ct-workspace.js';

const CLI = resolve(import.meta.dirname, '../../bin/modelship.js');
const DRIFTED = [
  '# TYPE modelship_feature_drift_psi gauge',
  'modelship_feature_drift_psi{model="churn",version="1",feature="tenure_months"} 0.42',
  'modelship_feature_drift_psi{model="churn",version="1",feature="region"} 0.03',
  'modelship_drift_window_rows{model="churn",version="1"} 1000',
  '',
].join('\n');

let ws: CtWorkspace;
beforeEach(async () => {
  ws = await createCtWorkspace();
});
afterEach(() => ws.cleanup());

describe('checkTriggers', () => {
  it('fires drift, live accuracy and new rows from the scrape and the feedback store', async () => {
    await ws.promoteSampleBundle(1);
    await ws.appendFeedback(makeChurnFeedback(2100, { correct: (i) => i % 5 < 3 }));
    const metricsFile = join(ws.root, 'scrape.txt');
    writeFileSync(metricsFile, DRIFTED);

    const check = await checkTriggers(ws.ctx, { metricsFile });

    expect(check.fired).toEqual(['drift', 'live_accuracy', 'live_roc_auc', 'new_labelled_rows']);
    expect(check.retrain).toBe(true);
    const byName = Object.fromEntries(check.results.map((r) => [r.trigger, r]));
    expect(byName['drift']?.value).toBe(0.42);
    expect(byName['live_accuracy']?.value).toBeCloseTo(0.6, 5);
    expect(byName['live_accuracy']?.reason).toMatch(
      /2100 labelled rows of v1 in the feedback store/,
    );
    expect(byName['new_labelled_rows']?.value).toBe(2100);
    expect(byName['schedule']).toMatchObject({ fired: false });
    expect(formatTriggerTable(check)).toMatch(
      /^drift +FIRED +0\.42 +> 0\.2 +PSI above 0\.2 for tenure_months/m,
    );
  });

  it('counts only feedback labelled after the data version watermark', async () => {
    await ws.promoteSampleBundle(1);
    const records = makeChurnFeedback(2500);
    await ws.appendFeedback(records);
    const [md5] = readFileSync(join(ws.root, 'data.dvc'), 'utf8').match(/[0-9a-f]{32}\.dir/) ?? [];
    const file = join(ws.root, '.modelship/ct/state.json');
    const state = readCtState(file);
    state.dataVersions[md5 as string] = {
      watermark: records[999]!.labelledAt,
      from: null,
      ingestedRows: 1000,
      quarantinedRows: 0,
      at: new Date().toISOString(),
    };
    writeCtState(file, state);

    const check = await checkTriggers(ws.ctx);

    expect(check.watermark).toBe(records[999]!.labelledAt);
    expect(check.inputs.newLabelledRows).toBe(1500);
    expect(check.fired).toEqual([]);
  });

  it('hands the decision to GitHub Actions and Azure Pipelines', async () => {
    const check = await checkTriggers(ws.ctx);
    expect(check.fired).toEqual(['schedule']);
    const output = join(ws.root, 'github-output');
    writeFileSync(output, 'before=1\n');
    const lines = writeCiOutputs(check, { GITHUB_OUTPUT: output, TF_BUILD: 'True' });
    expect(readFileSync(output, 'utf8')).toBe('before=1\nretrain=true\ntriggers=schedule\n');
    expect(lines).toEqual([
      '##vso[task.setvariable variable=retrain;isOutput=true]true',
      '##vso[task.setvariable variable=triggers;isOutput=true]schedule',
    ]);
  });
});

describe('modelship ct-check', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, [CLI, 'ct-check', ...args], {
      env: { ...process.env, MODELSHIP_ROOT: ws.root, MODEL_REGISTRY: '', ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('exits 3 when a trigger fired, 0 when none did, and writes $GITHUB_OUTPUT', async () => {
    const output = join(ws.root, 'github-output');
    const fired = await run([], { GITHUB_OUTPUT: output });
    expect(fired.code).toBe(3);
    expect(fired.stdout).toMatch(/schedule +FIRED +n\/a +> 30 +no production model: train one/);
    expect(readFileSync(output, 'utf8')).toBe('retrain=true\ntriggers=schedule\n');

    await ws.promoteSampleBundle(1);
    const quiet = await run(['--json']);
    expect(quiet.code).toBe(0);
    expect(JSON.parse(quiet.stdout)).toMatchObject({ retrain: false, fired: [] });
  }, 60_000);

  it('exits 2 naming the URL when the service cannot be reached', async () => {
    const result = await run(['--service-url', 'http://127.0.0.1:9']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^modelship ct-check: cannot scrape http:\/\/127\.0\.0\.1:9\/metrics/,
    );
  }, 60_000);
});
