import fc from 'fast-check';

const nested = (levels: number, inner: unknown): unknown => {
  let value = inner;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

/** Any value a client may put where a scalar belongs (issue #12's odd JSON and sizes). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e308, -1e308, 3.4e38, 3.5e38, Number.MAX_SAFE_INTEGER, 5e-324, -0),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('NaN', 'Infinity', '1e400', '1e39', '', 'NA', '0x1F', '😀', '\u0000'),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: 200, max: 3000 }).map((n) => 'w'.repeat(n)),
  fc.constantFrom({ toString: 1 }, { valueOf: 'x' }, [], [1, 2], { __proto__: null }),
  fc.integer({ min: 2, max: 60 }).map((n) => nested(n, 1)),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);
