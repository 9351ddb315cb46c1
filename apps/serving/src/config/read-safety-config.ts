import { ConfigError } from './config-error.js';
import { readEnv, readInteger } from './parse-env-values.js';

type Env = Record<string, string | undefined>;

/** Rate limiting and CORS (apps/serving/README.md, "Safety"). */
export interface SafetyConfig {
  /** Token bucket per client IP; null: no rate limit. */
  rateLimit: { rps: number; burst: number } | null;
  /** Origins allowed to call from a browser; empty: CORS off (no CORS headers at all). */
  corsOrigins: string[];
}

/**
 * Reads RATE_LIMIT_RPS (unset: off), RATE_LIMIT_BURST (default: the RPS, at least 1) and
 * CORS_ORIGINS (a comma list of origins such as https://app.example.com, or `*`).
 */
export function readSafetyConfig(env: Env): SafetyConfig {
  const rps = readInteger(env, 'RATE_LIMIT_RPS', 0, { min: 1, max: 1_000_000 });
  const burst = readInteger(env, 'RATE_LIMIT_BURST', Math.max(1, rps), { min: 1, max: 1_000_000 });
  return {
    rateLimit: rps === 0 ? null : { rps, burst },
    corsOrigins: readCorsOrigins(env),
  };
}

// --- internal ---

function readCorsOrigins(env: Env): string[] {
  const raw = readEnv(env, 'CORS_ORIGINS');
  if (raw === undefined) return [];
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/i.test(origin)) {
      throw new ConfigError(
        'CORS_ORIGINS',
        raw,
        `${JSON.stringify(origin)} is not an origin; expected a comma list such as https://app.example.com,http://localhost:3000 (scheme and host, no path), or *.`,
      );
    }
  }
  return origins.map((origin) => (origin === '*' ? origin : origin.toLowerCase()));
}
