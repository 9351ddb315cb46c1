// ingestFeedback on a user's dataset whose inferred schema has an id and ignored columns the
// service never accepts, so feedback rows never carry them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSchema, validateDataset } from '@modelship/data-validation';
import { readCtState } from './ct-state.js';
import { ingestFeedback } from './ingest-feedback.js';
import {
  createCtWorkspace,
  makeSubscriptionFeedback,
  SUBSCRIPTION_DATA,
  verifyWorkspaceData as verifyData,
  type CtWorkspace,
} from './testing/index.js';

let ws: CtWorkspace;
beforeEach(async () => {
  ws = await createCtWorkspace({ rows: 400, dataset: 'subscriptions' });
});
afterEach(() => ws.cleanup());

const dataFile = () => join(ws.root, SUBSCRIPTION_DATA.path);
const schema = () => loadSchema(join(ws.root, SUBSCRIPTION_DATA.schema));
const readLines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe('ingestFeedback on a dataset with an id and ignored columns', () => {
  it('is the case at hand: schema infer made an integer id and non-nullable ignored columns', async () => {
    const columns = new Map((await schema()).columns.map((c) => [c.name, c]));
    expect(columns.get('sub_no')).toMatchObject({ role: 'id', type: 'integer', nullable: false });
    expect(columns.get('signed_up')).toMatchObject({ role: 'ignore', nullable: false });
    expect(columns.get('notes')).toMatchObject({ role: 'ignore', nullable: true });
    expect(columns.get('notes')?.maxMissingShare).toBeLessThan(0.1);
    expect(columns.get('seats')).toMatchObject({ role: 'feature', nullable: true });
  });

  it('appends feedback rows without the columns the model does not use, and the data still validates', async () => {
    const records = makeSubscriptionFeedback(300);
    expect(records.some((r) => r.features['seats'] === null)).toBe(true);
    await ws.appendFeedback(records);
    const before = await verifyData(ws.ctx);

    const result = await ingestFeedback(ws.ctx, { verifyData });

    expect(result).toMatchObject({ read: 300, appended: 300, quarantined: 0, quarantine: null });
    expect(result.dataMd5After).not.toBe(before.md5);
    const lines = readLines(dataFile());
    expect(lines).toHaveLength(1 + 400 + 300);
    // An integer id cannot hold a prediction id: left empty, as are the ignored columns.
    expect(lines.at(-1)).toMatch(/^,,,\d*,(bronze|silver|gold),(true|false),[\d.]+,(yes|no)$/);
    // What `modelship validate` runs before training must pass on the grown dataset.
    const report = await validateDataset(dataFile(), await schema());
    expect(report.checks.filter((check) => !check.passed)).toEqual([]);
  });

  it('still validates an unused column a feedback row does carry', async () => {
    const records = makeSubscriptionFeedback(20);
    Object.assign(records[4]!.features, { signed_up: 'last tuesday' });
    await ws.appendFeedback(records);
    const result = await ingestFeedback(ws.ctx, { verifyData });
    expect(result).toMatchObject({ appended: 19, quarantined: 1 });
    expect(readLines(result.quarantine!.csv)[1]).toMatch(
      /^5,sub-pred-4,"signed_up ""last tuesday"" breaks type/,
    );
  });

  it('quarantines the new rows missing a feature when together they break its missing-share limit', async () => {
    const records = makeSubscriptionFeedback(300);
    for (const record of records.slice(0, 40)) record.features['seats'] = null;
    const missing = records.filter((r) => r.features['seats'] === null).length;
    await ws.appendFeedback(records);

    const result = await ingestFeedback(ws.ctx, { verifyData });

    expect(result).toMatchObject({ appended: 300 - missing, quarantined: missing });
    expect(readLines(result.quarantine!.csv)[1]).toMatch(
      /^1,sub-pred-0,"seats """" breaks missing \(at most \d+% missing\)"/,
    );
    const report = await validateDataset(dataFile(), await schema());
    expect(report.passed).toBe(true);
  });

  it('appends nothing and names the top reasons with counts when too many rows are bad', async () => {
    const records = makeSubscriptionFeedback(50);
    for (const i of [0, 3, 6, 9, 12, 15, 18, 21])
      Object.assign(records[i]!.features, { tier: 'platinum' });
    for (const i of [1, 4, 7]) Object.assign(records[i]!.features, { seats: 'many' });
    await ws.appendFeedback(records);
    const bytes = readFileSync(dataFile());
    const dvc = readFileSync(join(ws.root, 'data.dvc'));

    const failure = ingestFeedback(ws.ctx, { verifyData, now: new Date('2025-06-01T00:00:00Z') });

    await expect(failure).rejects.toMatchObject({ code: 'E_CT_QUARANTINE_SHARE' });
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toMatch(
      /^11 of 50 feedback rows \(22\.0%\) fail the schema, more than ct\.ingest\.max_quarantine_share \(20\.0%\)/,
    );
    expect(message).toMatch(
      /: tier breaks categories \(values in \{bronze, gold, silver\}\): 8 rows; seats breaks type \(values are integer\): 3 rows\./,
    );
    expect(message).toMatch(/reports\/quarantine\/2025-06-01T00-00-00-000Z-churn\.csv/);
    // Nothing appended, nothing versioned, the watermark unmoved: the next ingest reads them again.
    expect(readFileSync(dataFile())).toEqual(bytes);
    expect(readFileSync(join(ws.root, 'data.dvc'))).toEqual(dvc);
    expect(readCtState(join(ws.root, '.modelship/ct/state.json')).dataVersions).toEqual({});
    // Every refused row is in the quarantine report.
    const quarantine = join(ws.root, 'reports/quarantine/2025-06-01T00-00-00-000Z-churn.csv');
    expect(readLines(quarantine)).toHaveLength(1 + 11);
  });

  it('takes the share from params.yaml', async () => {
    ws.editParams((params) => (params['ct'].ingest = { max_quarantine_share: 0.25 }));
    const records = makeSubscriptionFeedback(50);
    for (const i of [0, 3, 6, 9, 12, 15, 18, 21])
      Object.assign(records[i]!.features, { tier: 'platinum' });
    for (const i of [1, 4, 7]) Object.assign(records[i]!.features, { seats: 'many' });
    await ws.appendFeedback(records);
    const result = await ingestFeedback(ws.ctx, { verifyData });
    expect(result).toMatchObject({ appended: 39, quarantined: 11 });
  });
});
