import type { RequestHandler } from 'express';
import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import { TooManyRequestsError } from './too-many-requests-error.js';

/** Paths never rate limited: probes and scrapes must keep working when a client floods the API. */
const EXEMPT = /^\/(?:health\/|v2\/health\/|metrics$)/;

/**
 * A token bucket per client IP: `burst` tokens, refilled at `rps` per second; a request without
 * a token gets 429 with `Retry-After` and counts in modelship_requests_rejected_total{reason=
 * "rate_limited"}. The client is the socket's address (`req.ip`): behind a proxy, every caller
 * shares the proxy's bucket unless Express's `trust proxy` is set.
 */
export function limitRequestRate(takeToken: RateLimiter): RequestHandler {
  return (req, _res, next) => {
    if (EXEMPT.test(req.path)) return next();
    next(takeToken(req.ip ?? req.socket.remoteAddress ?? 'unknown') ?? undefined);
  };
}

/** Takes a token of a client's bucket, or returns the 429 to answer (and counts it). */
export type RateLimiter = (client: string) => TooManyRequestsError | null;

/**
 * The token buckets behind limitRequestRate, one set per service: the Express app and the
 * prediction routes' lean lane take from the same buckets.
 */
export function createRateLimiter(
  { rps, burst }: { rps: number; burst: number },
  metrics: ServingMetrics,
  now: () => number = () => performance.now(),
): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return (client) => {
    const time = now();
    let bucket = buckets.get(client);
    if (!bucket) {
      if (buckets.size >= MAX_CLIENTS) forgetFullBuckets(buckets, time, rps, burst);
      bucket = { tokens: burst, at: time };
      buckets.set(client, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((time - bucket.at) / 1000) * rps);
    bucket.at = time;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    metrics.rejected.inc({ reason: 'rate_limited' });
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / rps));
    return new TooManyRequestsError(rps, burst, retryAfter);
  };
}

// --- internal ---

interface Bucket {
  tokens: number;
  /** performance.now() of the last refill. */
  at: number;
}

const MAX_CLIENTS = 10_000;

// A bucket that has refilled completely is the same as no bucket: drop it to bound memory.
function forgetFullBuckets(buckets: Map<string, Bucket>, time: number, rps: number, burst: number) {
  for (const [client, bucket] of buckets) {
    if (bucket.tokens + ((time - bucket.at) / 1000) * rps >= burst) buckets.delete(client);
  }
  if (buckets.size >= MAX_CLIENTS) buckets.clear();
}
