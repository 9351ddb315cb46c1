import type { FeedbackRecord } from '@modelship/feedback-store';
import { LOAN_SCHEMA } from '@modelship/data-validation/testing';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LISTING_SCHEMA, TICKET_SCHEMA } from '@modelship/data-validation/testing';
import { createRowEncoder, formatCsvLine, resolveTargetEncoder } from './feedback-to-row.js';

const header = LOAN_SCHEMA.columns.map((column) => column.name);
const yesNo = (label: FeedbackRecord['label']) => (label === 1 ? 'yes' : 'no');
const record = (features: Record<string, unknown>, label: 0 | 1): FeedbackRecord => ({
  predictionId: 'p-7',
  model: 'loans',
  version: '2',
  variant: 'stable',
  predictedAt: '2025-01-01T00:00:00.000Z',
  labelledAt: '2025-01-02T00:00:00.000Z',
  probability: 0.3,
  predicted: 0,
  label,
  features,
});

describe('createRowEncoder', () => {
  // The loan schema shares nothing with the churn sample: Y/N booleans, a yes/no target.
  const encode = createRowEncoder(LOAN_SCHEMA, header, yesNo);

  it.each([
    {
      name: 'writes the label in the dataset encoding and booleans in the schema texts',
      features: {
        income_k: 52.5,
        loan_amount: 9000,
        term: '36m',
        purpose: 'car',
        years_employed: 4,
        owns_home: true,
        branch_note: 'b1',
      },
      label: 1 as const,
      row: ['p-7', '52.5', '9000', '36m', 'car', '4', 'Y', 'b1', 'yes'],
    },
    {
      name: 'leaves missing features empty and keeps an id the client sent',
      features: { application_ref: 'L9', income_k: null, owns_home: false },
      label: 0 as const,
      row: ['L9', '', '', '', '', '', 'N', '', 'no'],
    },
    {
      name: 'passes bad values through for validation to refuse',
      features: { years_employed: 'many', term: ['36m'] },
      label: 0 as const,
      row: ['p-7', '', '', '["36m"]', '', 'many', '', '', 'no'],
    },
  ])('$name', ({ features, label, row }) => {
    expect(encode(record(features, label))).toEqual(row);
  });
});

describe('createRowEncoder with an integer id', () => {
  const schema = {
    ...LOAN_SCHEMA,
    columns: LOAN_SCHEMA.columns.map((c) =>
      c.role === 'id' ? { ...c, type: 'integer' as const } : c,
    ),
  };
  const encode = createRowEncoder(schema, header, yesNo);

  it('leaves the id empty when the prediction id is not an integer', () => {
    expect(encode(record({ income_k: 1 }, 1))[0]).toBe('');
  });

  it('takes a prediction id that is one', () => {
    expect(encode({ ...record({}, 1), predictionId: '42' })[0]).toBe('42');
  });
});

describe('resolveTargetEncoder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ct-target-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes a binary label as the class text of the data file, 1 being the positive class', async () => {
    const file = join(dir, 'loans.csv');
    writeFileSync(file, 'application_ref,defaulted\nA1,no\nA2,yes\n');
    const encode = await resolveTargetEncoder('binary', LOAN_SCHEMA, file);
    expect([encode(1), encode(0)]).toEqual(['yes', 'no']);
  });

  it.each([
    { task: 'multiclass' as const, schema: TICKET_SCHEMA, label: 'urgent', cell: 'urgent' },
    { task: 'regression' as const, schema: LISTING_SCHEMA, label: 251_000.5, cell: '251000.5' },
    { task: 'regression' as const, schema: LISTING_SCHEMA, label: -0.25, cell: '-0.25' },
  ])('writes a $task label $label as it is: $cell', async ({ task, schema, label, cell }) => {
    const encode = await resolveTargetEncoder(task, schema, join(dir, 'never-read.csv'));
    expect(encode(label)).toBe(cell);
  });

  it('puts a multiclass label in the target column of a whole row, keeping an id sent with it', async () => {
    const header = TICKET_SCHEMA.columns.map((column) => column.name);
    const encode = createRowEncoder(
      TICKET_SCHEMA,
      header,
      await resolveTargetEncoder('multiclass', TICKET_SCHEMA, join(dir, 'never-read.csv')),
    );
    const row = encode({
      ...record({ ticket_ref: 'T-9', channel: 'chat', wait_minutes: null, words: 40 }, 0),
      task: 'multiclass',
      probability: 0.5,
      predicted: 'low',
      label: 'normal',
    });
    expect(row).toEqual(['T-9', 'chat', '', '40', '', 'normal']);
  });
});

describe('formatCsvLine', () => {
  it('quotes cells holding a comma, a quote or a line break', () => {
    expect(formatCsvLine(['a', 'b,c', 'say "hi"', 'x\ny'])).toBe('a,"b,c","say ""hi""","x\ny"');
  });
});
