/** The objective and its gradient at `x`; the gradient is written into `gradient`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsResult {
  x: Float64Array;
  iterations: number;
  /** Whether a step moved no coordinate more than the tolerance (or the gradient vanished). */
  converged: boolean;
}

/** Curvature pairs kept: ten is the usual choice (scikit-learn's and SciPy's default). */
const HISTORY = 10;

/**
 * Minimises a smooth convex function by limited-memory BFGS with a backtracking (Armijo) line
 * search, from `start`. Deterministic: no randomness, same answer every run.
 */
export function minimizeLbfgs(
  objective: Objective,
  start: Float64Array,
  options: { maxIterations: number; tolerance: number },
): LbfgsResult {
  const n = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  for (let iteration = 1; iteration <= options.maxIterations; iteration += 1) {
    if (maxAbs(gradient) === 0) return { x, iterations: iteration - 1, converged: true };
    const direction = computeDirection(gradient, steps, changes);
    let slope = dot(gradient, direction);
    // Not a descent direction (curvature history gone stale): restart from the gradient.
    if (!(slope < 0)) {
      steps.length = 0;
      changes.length = 0;
      direction.set(gradient.map((g) => -g));
      slope = dot(gradient, direction);
    }
    let scale = steps.length === 0 ? 1 / Math.max(1, maxAbs(gradient)) : 1;
    const nextGradient = new Float64Array(n);
    let next = x;
    let nextValue = value;
    for (let halvings = 0; halvings < 50; halvings += 1, scale /= 2) {
      next = x.map((xi, i) => xi + scale * (direction[i] ?? 0));
      nextValue = objective(next, nextGradient);
      if (nextValue <= value + 1e-4 * scale * slope) break;
    }
    if (!(nextValue <= value)) return { x, iterations: iteration, converged: false };
    const step = next.map((v, i) => v - (x[i] ?? 0));
    const change = nextGradient.map((g, i) => g - (gradient[i] ?? 0));
    if (dot(step, change) > 1e-12) {
      steps.push(step);
      changes.push(change);
      if (steps.length > HISTORY) {
        steps.shift();
        changes.shift();
      }
    }
    x = next;
    gradient = nextGradient;
    value = nextValue;
    if (maxAbs(step) < options.tolerance) return { x, iterations: iteration, converged: true };
  }
  return { x, iterations: options.maxIterations, converged: false };
}

// --- internal ---

// The two-loop recursion: minus the inverse-Hessian estimate times the gradient.
function computeDirection(gradient: Float64Array, steps: Float64Array[], changes: Float64Array[]): Float64Array {
  const q = Float64Array.from(gradient);
  const alphas: number[] = [];
  for (let k = steps.length - 1; k >= 0; k -= 1) {
    const s = steps[k] as Float64Array;
    const y = changes[k] as Float64Array;
    const alpha = dot(s, q) / dot(y, s);
    alphas[k] = alpha;
    for (let i = 0; i < q.length; i += 1) q[i] = (q[i] ?? 0) - alpha * (y[i] ?? 0);
  }
  const last = steps.length - 1;
  const gamma = last >= 0 ? dot(steps[last] as Float64Array, changes[last] as Float64Array) / dot(changes[last] as Float64Array, changes[last] as Float64Array) : 1;
  for (let i = 0; i < q.length; i += 1) q[i] = (q[i] ?? 0) * gamma;
  for (let k = 0; k < steps.length; k += 1) {
    const s = steps[k] as Float64Array;
    const y = changes[k] as Float64Array;
    const beta = dot(y, q) / dot(y, s);
    for (let i = 0; i < q.length; i += 1) q[i] = (q[i] ?? 0) + ((alphas[k] ?? 0) - beta) * (s[i] ?? 0);
  }
  return q.map((v) => -v);
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i += 1) max = Math.max(max, Math.abs(values[i] ?? 0));
  return max;
}
