import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCtState } from './ct-state.js';
import { ingestFeedback } from './ingest-feedback.js';
import {
  createCtWorkspace,
  makeChurnFeedback,
  verifyWorkspaceData as verifyData,
  type CtWorkspace,
} from './testing/ct-workspace.js';

let ws: CtWorkspace;
beforeEach(async () => {
  ws = await createCtWorkspace({ rows: 1000 });
});
afterEach(() => ws.cleanup());

const dataFile = () => join(ws.root, 'data/churn.csv');
const readLines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe('ingestFeedback', () => {
  it('appends good rows, quarantines bad ones with reasons, and versions the data', async () => {
    const records = makeChurnFeedback(40);
    Object.assign(records[3]!.features, { age: 250 });
    Object.assign(records[10]!.features, { region: 'atlantis' });
    Object.assign(records[25]!.features, { tenure_months: 'twelve' });
    await ws.appendFeedback(records);
    const before = await verifyData(ws.ctx);

    const result = await ingestFeedback(ws.ctx, {
      verifyData,
      now: new Date('2025-06-01T00:00:00Z'),
    });

    expect(result).toMatchObject({
      read: 40,
      appended: 37,
      quarantined: 3,
      dataMd5Before: before.md5,
    });
    expect(result.dataMd5After).not.toBe(before.md5);
    expect((await verifyData(ws.ctx)).md5).toBe(result.dataMd5After);
    const lines = readLines(dataFile());
    expect(lines).toHaveLength(1 + 1000 + 37);
    // The id column comes from the prediction id, the target in the CSV's own 0/1 encoding.
    const header = lines[0]!.split(',');
    const last = lines.at(-1)!.split(',');
    expect(last[header.indexOf('customer_id')]).toBe('pred-99-39');
    expect(last[header.indexOf('churned')]).toBe(String(records[39]!.label));
    expect(lines.some((line) => line.startsWith('pred-99-3,'))).toBe(false);

    const quarantine = readLines(result.quarantine!.csv);
    expect(quarantine).toHaveLength(4);
    expect(quarantine[0]).toMatch(/^feedback_row,prediction_id,reasons,customer_id,age,/);
    expect(quarantine[1]).toMatch(
      /^4,pred-99-3,"age ""250"" breaks range \(values within \[18, 100\]\)",/,
    );
    expect(quarantine[2]).toMatch(/^11,pred-99-10,"region ""atlantis"" breaks categories/);
    expect(quarantine[3]).toMatch(/^26,pred-99-25,"tenure_months ""twelve"" breaks type/);
    expect(result.quarantine!.csv).toMatch(
      /reports\/quarantine\/2025-06-01T00-00-00-000Z-churn\.csv$/,
    );
    const report = JSON.parse(readFileSync(result.quarantine!.json, 'utf8'));
    expect(report.rows.map((r: { row: number }) => r.row)).toEqual([4, 11, 26]);
    expect(report.rows[0].problems).toEqual([
      expect.objectContaining({ rule: 'range', column: 'age', value: '250' }),
    ]);

    const state = readCtState(join(ws.root, '.modelship/ct/state.json'));
    expect(state.dataVersions[result.dataMd5After]).toMatchObject({
      watermark: records[39]!.labelledAt,
      from: before.md5,
      ingestedRows: 37,
      quarantinedRows: 3,
    });
  });

  it('does nothing on a second run with no new feedback, then takes only the newer rows', async () => {
    await ws.appendFeedback(makeChurnFeedback(20));
    const first = await ingestFeedback(ws.ctx, { verifyData });
    const bytes = readFileSync(dataFile());
    const dvc = readFileSync(join(ws.root, 'data.dvc'));

    const again = await ingestFeedback(ws.ctx, { verifyData });
    expect(again).toMatchObject({ read: 0, appended: 0, dataMd5After: first.dataMd5After });
    expect(readFileSync(dataFile())).toEqual(bytes);
    expect(readFileSync(join(ws.root, 'data.dvc'))).toEqual(dvc);
    expect(ws.logs.at(-1)).toMatch(/no feedback labelled since .* nothing to do/);

    await ws.appendFeedback(
      makeChurnFeedback(5, { seed: 5, start: new Date('2025-02-01T00:00:00Z') }),
    );
    const third = await ingestFeedback(ws.ctx, { verifyData });
    expect(third).toMatchObject({ read: 5, appended: 5, dataMd5Before: first.dataMd5After });
    expect(readLines(dataFile())).toHaveLength(1 + 1000 + 25);
  });

  it('quarantines a row whose id is already in the dataset', async () => {
    // One row of three is over the default share that stops an ingest (its own spec's subject).
    ws.editParams((params) => (params['ct'].ingest.max_quarantine_share = 0.5));
    const records = makeChurnFeedback(3);
    Object.assign(records[1]!.features, { customer_id: 'C0000001' });
    await ws.appendFeedback(records);
    const result = await ingestFeedback(ws.ctx, { verifyData });
    expect(result).toMatchObject({ appended: 2, quarantined: 1 });
    expect(readLines(result.quarantine!.csv)[1]).toMatch(
      /^2,pred-99-1,"customer_id ""C0000001"" breaks duplicate-ids/,
    );
  });

  it('refuses data that no longer matches data.dvc and changes nothing', async () => {
    await ws.appendFeedback(makeChurnFeedback(5));
    writeFileSync(dataFile(), `${readFileSync(dataFile(), 'utf8')}`.replace('\n', '\n\n'));
    await expect(ingestFeedback(ws.ctx, { verifyData })).rejects.toMatchObject({
      code: 'E_DATA_VERSION_MISMATCH',
    });
    expect(readCtState(join(ws.root, '.modelship/ct/state.json')).dataVersions).toEqual({});
  });
});
