const LN2 = 0.6931471805599453;

/**
 * e^x from + - * / only. Math.exp is not required to be correctly rounded, so its last bit may
 * differ between engines; this one gives the same double everywhere.
 */
export function deterministicExp(x: number): number {
  if (x > 700) return Infinity;
  if (x < -700) return 0;
  const k = Math.round(x / LN2);
  const r = x - k * LN2;
  // Taylor series of e^r for |r| <= ln2 / 2: 18 terms reach double precision.
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= 18; n += 1) {
    term = (term * r) / n;
    sum += term;
  }
  return scaleByPowerOfTwo(sum, k);
}

// Repeated doubling or halving is exact for normal doubles, unlike a library pow().
function scaleByPowerOfTwo(value: number, exponent: number): number {
  let scaled = value;
  const factor = exponent > 0 ? 2 : 0.5;
  for (let i = Math.abs(exponent); i > 0; i -= 1) scaled *= factor;
  return scaled;
}

/** 1 / (1 + e^-x), deterministic. */
export function deterministicSigmoid(x: number): number {
  return 1 / (1 + deterministicExp(-x));
}
