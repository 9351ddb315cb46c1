import { ConfigError } from './config-error.js';

type Env = Record<string, string | undefined>;

/** The variable's trimmed value, or undefined when unset or blank. */
export function readEnv(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** An integer in [min, max], or the fallback when the variable is unset. */
export function readInteger(
  env: Env,
  name: string,
  fallback: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number {
  const raw = readEnv(env, name);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(name, raw, `expected an integer from ${min} to ${max}.`);
  }
  return value;
}

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** A size in bytes, written as a byte count or with a unit: `512kb`, `1mb`. */
export function readByteSize(env: Env, name: string, fallback: number): number {
  const raw = readEnv(env, name);
  if (raw === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(raw);
  const bytes = match
    ? Math.floor(Number(match[1]) * SIZE_UNITS[(match[2] ?? 'b').toLowerCase()])
    : 0;
  if (bytes < 1) {
    throw new ConfigError(name, raw, 'expected a size such as 1048576, 512kb or 1mb.');
  }
  return bytes;
}

/** One of a fixed set of words, or the fallback when unset. */
export function readChoice<T extends string>(
  env: Env,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = readEnv(env, name);
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(name, raw, `expected one of ${choices.join(', ')}.`);
  }
  return raw as T;
}

/** Milliseconds from 0 to 60000, fractions allowed (`0.5`), or the fallback when unset. */
export function readMilliseconds(env: Env, name: string, fallback: number): number {
  const raw = readEnv(env, name);
  if (raw === undefined) return fallback;
  const value = /^\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 0 && value <= 60_000)) {
    throw new ConfigError(name, raw, 'expected milliseconds from 0 to 60000, e.g. 2 or 0.5.');
  }
  return value;
}
