import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  createCtWorkspace,
  makeSubscriptionFeedback,
  type CtWorkspace,
} from '@modelship/continuous-training/testing';

const CLI = resolve(import.meta.dirname, '../cli.ts');

// A user's dataset (an integer id, ignored columns), not the sample.
let ws: CtWorkspace;
beforeEach(async () => {
  ws = await createCtWorkspace({ rows: 300, dataset: 'subscriptions' });
});
afterEach(() => ws.cleanup());

describe('modelship ct-ingest', () => {
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, 'ct-ingest', ...args], {
      env: { ...process.env, MODELSHIP_ROOT: ws.root },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('appends feedback rows that lack the id and ignored columns, and exits 0', async () => {
    await ws.appendFeedback(makeSubscriptionFeedback(60));
    const result = await run(['--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ read: 60, appended: 60, quarantined: 0 });
  }, 60_000);

  it('exits 1 naming the share and the top reasons when too many rows are quarantined', async () => {
    const records = makeSubscriptionFeedback(40);
    for (const record of records.slice(0, 12)) Object.assign(record.features, { tier: 'vip' });
    await ws.appendFeedback(records);
    const dvc = readFileSync(join(ws.root, 'data.dvc'));

    const result = await run([]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^modelship ct-ingest: 12 of 40 feedback rows \(30\.0%\) fail the schema, more than ct\.ingest\.max_quarantine_share \(20\.0%\), so none was appended/m,
    );
    expect(result.stderr).toMatch(
      /Top reasons: tier breaks categories \(values in \{.*\}\): 12 rows\./,
    );
    expect(result.stderr).toMatch(/reports\/quarantine\/.*-churn\.csv/);
    expect(result.stdout).toBe('');
    expect(readFileSync(join(ws.root, 'data.dvc'))).toEqual(dvc);
  }, 60_000);
});
