import type { FeedbackRecord } from '@modelship/feedback-store';
import { LOAN_SCHEMA } from '@modelship/data-validation/testing';
import { createRowEncoder, formatCsvLine } from './feedback-to-row.js';

const header = LOAN_SCHEMA.columns.map((column) => column.name);
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
  const encode = createRowEncoder(LOAN_SCHEMA, header, { positive: 'yes', negative: 'no' });

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
  const encode = createRowEncoder(schema, header, { positive: 'yes', negative: 'no' });

  it('leaves the id empty when the prediction id is not an integer', () => {
    expect(encode(record({ income_k: 1 }, 1))[0]).toBe('');
  });

  it('takes a prediction id that is one', () => {
    expect(encode({ ...record({}, 1), predictionId: '42' })[0]).toBe('42');
  });
});

describe('formatCsvLine', () => {
  it('quotes cells holding a comma, a quote or a line break', () => {
    expect(formatCsvLine(['a', 'b,c', 'say "hi"', 'x\ny'])).toBe('a,"b,c","say ""hi""","x\ny"');
  });
});
