import { CHURN_COLUMNS } from './churn-columns.js';
import type { ChurnRow } from './churn-columns.js';
import { formatChurnHeader, formatChurnRow, generateChurnRows } from './churn-row.js';

const rows: ChurnRow[] = [...generateChurnRows({ rows: 50_000, seed: 42 })];

function missingShare(column: keyof ChurnRow): number {
  return rows.filter((row) => row[column] === null).length / rows.length;
}

describe('generateChurnRows', () => {
  it('is pure: the same options give the same rows', () => {
    expect([...generateChurnRows({ rows: 50, seed: 9 })]).toEqual([
      ...generateChurnRows({ rows: 50, seed: 9 }),
    ]);
  });

  it('churns about 25% of customers', () => {
    const rate = rows.filter((row) => row.churned === 1).length / rows.length;
    expect(rate).toBeGreaterThan(0.23);
    expect(rate).toBeLessThan(0.27);
  });

  it('makes churn depend on the features (month-to-month churns far more than two-year)', () => {
    const rate = (contract: ChurnRow['contract_type']): number => {
      const group = rows.filter((row) => row.contract_type === contract);
      return group.filter((row) => row.churned === 1).length / group.length;
    };
    expect(rate('month-to-month')).toBeGreaterThan(3 * rate('two-year'));
  });

  it.each([
    ['total_charges', 0.02, 0.06],
    ['avg_data_gb', 0.02, 0.05],
    ['days_since_last_login', 0.04, 0.08],
    ['satisfaction_score', 0.12, 0.18],
    ['monthly_charges', 0, 0],
    ['churned', 0, 0],
  ] as const)('leaves %s missing in %f..%f of rows', (column, min, max) => {
    expect(missingShare(column)).toBeGreaterThanOrEqual(min);
    expect(missingShare(column)).toBeLessThanOrEqual(max);
  });

  it('gives every customer a distinct id', () => {
    expect(new Set(rows.map((row) => row.customer_id)).size).toBe(rows.length);
  });

  it('keeps tenure within 0..72 months and total charges blank for customers not billed yet', () => {
    expect(rows.every((row) => row.tenure_months >= 0 && row.tenure_months <= 72)).toBe(true);
    expect(
      rows.filter((row) => row.tenure_months === 0).every((row) => row.total_charges === null),
    ).toBe(true);
  });
});

describe('formatChurnRow', () => {
  it('writes one field per column, in header order, with fixed decimals', () => {
    const fields = formatChurnRow(rows[0]).split(',');
    expect(formatChurnHeader().split(',')).toEqual([...CHURN_COLUMNS]);
    expect(fields).toHaveLength(CHURN_COLUMNS.length);
    expect(fields[CHURN_COLUMNS.indexOf('monthly_charges')]).toBe('18.00');
    expect(fields[CHURN_COLUMNS.indexOf('satisfaction_score')]).toBe('');
  });
});
