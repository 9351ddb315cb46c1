import { compareHighWater } from './compare-high-water.js';

describe('compareHighWater', () => {
  it.each([
    ['9007199254740993', '9007199254740992', 'integer', 1],
    ['10', '9', 'integer', 1],
    ['2.5', '10', 'number', -1],
    ['2026-01-01T00:00:00.0001Z', '2026-01-01T00:00:00.00009Z', 'datetime', 1],
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z', 'datetime', 0],
    ['2026-01-02', '2026-01-01T23:59:59.9', 'datetime', 1],
  ] as const)('%s against %s (%s) is %d', (a, b, type, sign) => {
    expect(Math.sign(compareHighWater(a, b, type))).toBe(sign);
  });

  it('refuses a column type without an order', () => {
    expect(() => compareHighWater('a', 'b', 'categorical')).toThrow(
      'An incremental column must be integer, number, datetime in the schema, not categorical.',
    );
  });
});
