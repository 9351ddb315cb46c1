import type { RouteGroup } from './route.js';

/**
 * Prometheus text exposition of every serving metric and Node's process metrics: in cluster mode
 * every process's, aggregated (counters and histograms summed, gauges as each one declares).
 */
export const metricsRoutes: RouteGroup = (ctx) => [
  {
    method: 'get',
    path: '/metrics',
    handler: async (_req, res) => {
      const { registry } = ctx.metrics;
      res.setHeader('Content-Type', registry.contentType);
      res.send(await ctx.peers.collectMetrics());
    },
  },
];
