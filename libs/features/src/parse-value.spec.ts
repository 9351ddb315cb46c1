import { DEFAULT_BOOLEAN_VALUES, DEFAULT_MISSING_VALUES } from '@modelship/data-validation';
import type { RawValue } from './parse-value.js';
import { parseBoolean, parseCategory, parseNumber } from './parse-value.js';

const missing = new Set(DEFAULT_MISSING_VALUES);

describe('parseNumber', () => {
  it.each<[RawValue, number | null]>([
    ['42', 42],
    [42, 42],
    [' -1.5 ', -1.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['', null],
    ['NA', null],
    ['NaN', null],
    [null, null],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseNumber('age', raw, missing)).toBe(expected);
  });

  it.each<[RawValue, string]>([
    ['abc', 'E_FEATURE_NOT_NUMERIC'],
    ['0x10', 'E_FEATURE_NOT_NUMERIC'],
    ['1,5', 'E_FEATURE_NOT_NUMERIC'],
    [true, 'E_FEATURE_NOT_NUMERIC'],
    ['Infinity', 'E_FEATURE_NOT_FINITE'],
    ['-inf', 'E_FEATURE_NOT_FINITE'],
    [Number.NaN, 'E_FEATURE_NOT_FINITE'],
    [Number.POSITIVE_INFINITY, 'E_FEATURE_NOT_FINITE'],
    [{} as unknown as RawValue, 'E_FEATURE_INVALID'],
  ])('rejects %j with %s', (raw, code) => {
    expect(() => parseNumber('age', raw, missing)).toThrow(
      expect.objectContaining({ code, column: 'age' }),
    );
  });

  it('names the column and the value in its message', () => {
    expect(() =>
      parseNumber('tenure_months', 'twelve', missing),
    ).toThrowErrorMatchingInlineSnapshot(
      `"Feature \`tenure_months\` must be a number, got "twelve" (string)."`,
    );
    expect(() =>
      parseNumber('tenure_months', Number.NaN, missing),
    ).toThrowErrorMatchingInlineSnapshot(
      `"Feature \`tenure_months\` must be a finite number, got NaN (number); send null for an unknown value."`,
    );
  });
});

describe('parseCategory', () => {
  it.each<[RawValue, string | null]>([
    ['basic', 'basic'],
    [3, '3'],
    [true, 'true'],
    ['', null],
    [null, null],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseCategory('plan', raw, missing)).toBe(expected);
  });
});

describe('parseBoolean', () => {
  it.each<[RawValue, 0 | 1 | null]>([
    ['yes', 1],
    ['TRUE', 1],
    ['f', 0],
    ['No', 0],
    [true, 1],
    [false, 0],
    ['', null],
    [null, null],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseBoolean('paperless', raw, missing, DEFAULT_BOOLEAN_VALUES)).toBe(expected);
  });

  it.each<RawValue>(['maybe', '1', 1, 0])('rejects %j, as validation does', (raw) => {
    expect(() => parseBoolean('paperless', raw, missing, DEFAULT_BOOLEAN_VALUES)).toThrow(
      expect.objectContaining({ code: 'E_FEATURE_NOT_BOOLEAN' }),
    );
  });

  it('accepts the values a schema lists, in any letter case', () => {
    expect(parseBoolean('paperless', 'y', missing, { true: ['Y'], false: ['N'] })).toBe(1);
  });

  it('lists the accepted values when it refuses one', () => {
    expect(() =>
      parseBoolean('paperless', 'maybe', missing, DEFAULT_BOOLEAN_VALUES),
    ).toThrowErrorMatchingInlineSnapshot(
      `"Feature \`paperless\` must be a boolean, got "maybe" (string); use true/false or one of "true", "t", "yes", "y", "false", "f", "no", "n"."`,
    );
  });
});
