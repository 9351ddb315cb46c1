// Continuous training on a multiclass and a regression dataset: ingest writes the labels in the
// dataset's own form, the live triggers read the task's figures from the feedback store, and a
// challenger is rolled out only when it predicts the workspace's task.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSchema, validateDataset } from '@modelship/data-validation';
import type { FeedbackRecord } from '@modelship/feedback-store';
import { writeSampleBundle } from '@modelship/model-bundle/testing';
import { openRegistry } from '@modelship/model-registry';
import { checkTriggers } from './check-triggers.js';
import { ingestFeedback } from './ingest-feedback.js';
import { rolloutChallenger } from './rollout-challenger.js';
import {
  createCtWorkspace,
  makeChurnFeedback,
  makeTaskFeedback,
  TASK_WORKSPACES,
  verifyWorkspaceData as verifyData,
  type CtWorkspace,
  type TaskDatasetName,
} from './testing/index.js';

const readLines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe.each([
  { dataset: 'tickets' as TaskDatasetName, target: 'priority', id: 'ticket_ref' },
  { dataset: 'listings' as TaskDatasetName, target: 'price_eur', id: 'listing_id' },
])('continuous training on $dataset', ({ dataset, target, id }) => {
  const { task, model } = TASK_WORKSPACES[dataset];
  let ws: CtWorkspace;
  beforeEach(async () => {
    ws = await createCtWorkspace({ rows: 300, dataset });
  });
  afterEach(() => ws.cleanup());
  const dataFile = () => join(ws.root, `data/${dataset}.csv`);

  it(`ingests ${task} feedback with the label in the dataset's form, and the data still validates`, async () => {
    const records = await makeTaskFeedback(dataset, 60, { keepId: true });
    // Fresh ids: the generator numbers rows from the same start whatever the seed.
    records.forEach((record, i) => (record.features[id] = `fb-${i}`));
    await ws.appendFeedback(records);

    const result = await ingestFeedback(ws.ctx, { verifyData });

    expect(result).toMatchObject({ read: 60, appended: 60, quarantined: 0 });
    const lines = readLines(dataFile());
    expect(lines).toHaveLength(1 + 300 + 60);
    const header = lines[0]!.split(',');
    const last = lines.at(-1)!.split(',');
    const record = records.at(-1)!;
    expect(last[header.indexOf(target)]).toBe(String(record.label));
    expect(last[header.indexOf(id)]).toBe(String(record.features[id]));
    if (task === 'regression') expect(Number(last[header.indexOf(target)])).toBe(record.label);
    const schema = await loadSchema(join(ws.root, ws.ctx.params.data.schema));
    const report = await validateDataset(dataFile(), schema);
    expect(report.checks.filter((check) => !check.passed)).toEqual([]);
  });

  it('quarantines feedback recorded for a binary model, naming the task, and appends the rest', async () => {
    const records: FeedbackRecord[] = await makeTaskFeedback(dataset, 20);
    const [old] = makeChurnFeedback(1, { start: new Date('2024-12-31T00:00:00Z') });
    records.push({ ...old!, model, predictionId: 'old-binary' });
    await ws.appendFeedback(records);

    const result = await ingestFeedback(ws.ctx, { verifyData });

    expect(result).toMatchObject({ read: 21, appended: 20, quarantined: 1 });
    expect(readLines(result.quarantine!.csv)[1]).toMatch(
      new RegExp(
        `^21,old-binary,"${target} ""[01]"" breaks task \\(feedback of a binary model, but params.yaml task is ${task}\\)"`,
      ),
    );
  });

  it(`fires the ${task} live triggers from the feedback store`, async () => {
    ws.editParams((params) => {
      params['ct'].live =
        task === 'multiclass'
          ? { min_accuracy: 0.7, min_macro_f1: 0.7, min_labelled_rows: 100 }
          : { max_rmse: 50_000, max_mae: 40_000, min_labelled_rows: 100 };
    });
    const version = await ws.promoteSampleBundle(1);
    await ws.appendFeedback(
      await makeTaskFeedback(dataset, 200, {
        version: String(version),
        correct: (i) => i % 2 === 0,
      }),
    );

    const check = await checkTriggers(ws.ctx);

    const fired =
      task === 'multiclass' ? ['live_accuracy', 'live_macro_f1'] : ['live_rmse', 'live_mae'];
    expect(check.fired.filter((name) => name.startsWith('live_'))).toEqual(fired);
    const first = check.results.find((r) => r.trigger === fired[0]);
    expect(first?.reason).toMatch(/over 200 labelled rows of v1 in the feedback store/);
    if (task === 'multiclass') expect(first?.value).toBeCloseTo(0.5, 5);
    else expect(first?.value).toBeGreaterThan(50_000);
  });

  it('archives a challenger of the task that failed its gate, and refuses one of another task', async () => {
    await ws.promoteSampleBundle(1);
    const challenger = async (seed: number, bundleTask: typeof task | 'binary') => {
      const dir = join(ws.root, 'tmp', `challenger-${seed}`);
      await writeSampleBundle(dir, {
        name: model,
        seed,
        weightsKb: 2,
        gatePassed: false,
        task: bundleTask,
      });
      return dir;
    };
    const rollout = (bundleDir: string) =>
      rolloutChallenger(ws.ctx, { bundleDir, serviceUrl: 'http://127.0.0.1:9', token: undefined });

    await expect(rollout(await challenger(2, task))).resolves.toMatchObject({
      version: 2,
      outcome: 'rejected',
    });
    await expect(rollout(await challenger(3, 'binary'))).rejects.toMatchObject({
      code: 'E_CT_TASK',
      message: expect.stringMatching(`is a binary model but params.yaml declares task ${task}`),
    });
    const registry = await openRegistry('file:.modelship/registry', { root: ws.root });
    expect((await registry.listVersions(model)).map((v) => v.version)).toEqual([1, 2]);
  });
});
