import type { FeatureSchema } from './fit-feature-spec.js';
import { fitFeatureSpec } from './fit-feature-spec.js';
import type { RawRow, RawValue } from './parse-value.js';
import { assertFeatureSpec, transformRow, transformRows } from './transform-row.js';

const schema: FeatureSchema = {
  target: { column: 'target' },
  columns: [
    { name: 'price', type: 'number', role: 'feature' },
    { name: 'visits', type: 'integer', role: 'feature' },
    { name: 'region', type: 'categorical', role: 'feature' },
    { name: 'member', type: 'boolean', role: 'feature' },
    { name: 'target', type: 'boolean', role: 'target' },
  ],
};

/** Typed values as an HTTP client would send them, plus their CSV spelling. */
function makeRows(count: number): { json: RawRow[]; csv: RawRow[] } {
  let state = 7;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const json: RawRow[] = [];
  for (let i = 0; i < count; i += 1) {
    json.push({
      price: next() < 0.1 ? null : Math.round(next() * 1e6) / 1e3 - 200.123,
      visits: Math.floor(next() * 40),
      region:
        next() < 0.05
          ? null
          : (['north', 'south', 'east', 'west', 'moon'][Math.floor(next() * 5)] ?? 'north'),
      member: next() < 0.05 ? null : next() < 0.5,
      target: next() < 0.3,
    });
  }
  const toCsv = (value: RawValue): string =>
    value === null || value === undefined ? '' : String(value);
  const csv = json.map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, toCsv(value)])),
  );
  return { json, csv };
}

describe('transformRows', () => {
  const { json, csv } = makeRows(2_000);
  const spec = fitFeatureSpec(csv.slice(0, 1_500), schema, {
    minCategoryCount: 1,
    maxCategories: 3,
  });

  it('gives bit-identical tensors for CSV strings (training) and JSON values (serving) of the same rows', () => {
    const wire = JSON.parse(JSON.stringify(json)) as RawRow[];
    const fromCsv = transformRows(spec, csv);
    const fromJson = transformRows(spec, wire);
    expect(fromCsv.rows).toBe(2_000);
    expect(Buffer.from(fromJson.data.buffer).equals(Buffer.from(fromCsv.data.buffer))).toBe(true);
  });

  it('matches transformRow row by row', () => {
    const matrix = transformRows(spec, csv.slice(0, 10));
    for (let i = 0; i < 10; i += 1) {
      expect(transformRow(spec, csv[i] ?? {})).toEqual(
        matrix.data.subarray(i * spec.width, (i + 1) * spec.width),
      );
    }
  });

  it('survives a JSON round trip of the spec itself', () => {
    const reloaded: unknown = JSON.parse(JSON.stringify(spec));
    assertFeatureSpec(reloaded);
    expect(transformRows(reloaded, json).data).toEqual(transformRows(spec, json).data);
  });

  it('encodes a row as imputed, standardised numbers, one-hot categories and 0/1 booleans', () => {
    const small = fitFeatureSpec(
      [
        { price: '10', visits: '1', region: 'north', member: 'true' },
        { price: '', visits: '3', region: 'north', member: 'false' },
        { price: '30', visits: '5', region: 'south', member: '' },
      ],
      schema,
      { minCategoryCount: 2 },
    );
    expect(small.featureNames).toEqual([
      'price',
      'price__missing',
      'visits',
      'region=north',
      'region=<other>',
      'member',
      'member__missing',
    ]);
    expect(
      Array.from(transformRow(small, { price: null, visits: 5, region: 'mars', member: null })),
    ).toEqual([0, 1, Math.fround(2 / Math.sqrt(8 / 3)), 0, 1, 0, 1]);
  });

  it('names the row, column and value of a bad input', () => {
    const rows = [json[0] ?? {}, { ...json[1], visits: 'many' }];
    expect(() => transformRows(spec, rows)).toThrow(
      expect.objectContaining({
        code: 'E_FEATURE_NOT_NUMERIC',
        column: 'visits',
        value: 'many',
        row: 1,
      }),
    );
  });

  it('refuses a row without a feature', () => {
    const { region: _region, ...rest } = json[0] ?? {};
    expect(() => transformRow(spec, rest)).toThrowErrorMatchingInlineSnapshot(
      `"Feature \`region\` is missing; send it (use null for an unknown value)."`,
    );
  });

  it('refuses a spec of another version', () => {
    expect(() => assertFeatureSpec({ ...spec, specVersion: 2 })).toThrow(
      expect.objectContaining({ code: 'E_FEATURE_SPEC' }),
    );
  });
});
