import type { RequestHandler } from 'express';
import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import type { ServingContext } from '../serving-context.js';

/**
 * Counts requests and times them by route template (never the raw path, which would let
 * callers create unbounded label values), method and status; counts requests in flight
 * (`status.inFlight`, which the in-flight gauge reads at each scrape).
 */
export function measureRequests(ctx: ServingContext): RequestHandler {
  const metrics: ServingMetrics = ctx.metrics;
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    ctx.status.inFlight++;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      ctx.status.inFlight--;
      const labels = {
        route: req.routeTemplate,
        method: req.method,
        status: String(res.statusCode),
      };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    };
    res.on('finish', finish);
    res.on('close', finish);
    next();
  };
}
