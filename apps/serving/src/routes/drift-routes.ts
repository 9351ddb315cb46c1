import type { FeatureDrift } from '@modelship/data-validation';
import type { RouteGroup } from './route.js';

/**
 * `GET /drift`: per-feature drift of each loaded version's recent traffic against its bundle,
 * and the drift of its predictions (or why there is none).
 */
export const driftRoutes: RouteGroup = (ctx) => [
  {
    method: 'get',
    path: '/drift',
    handler: (_req, res) => {
      const drifts = ctx.monitor.drift.report(ctx.slots.all());
      res.json({
        window: ctx.monitor.drift.windowSize,
        models: drifts.map(({ report, prediction, ...drift }) => ({
          ...drift,
          status: report?.status ?? null,
          thresholds: report?.thresholds ?? null,
          features: report?.features.map(describeFeature) ?? [],
          prediction: {
            windowRows: prediction.windowRows,
            drift: prediction.drift ? describeFeature(prediction.drift) : null,
            ...(prediction.unavailable ? { unavailable: prediction.unavailable } : {}),
          },
        })),
      });
    },
  },
];

// --- internal ---

function describeFeature(feature: FeatureDrift) {
  const test =
    feature.ks !== undefined
      ? { name: 'ks', statistic: feature.ks }
      : { name: 'chi2', ...(feature.chi2 ?? { statistic: 0, df: 0, pValue: 1 }) };
  return {
    name: feature.name,
    kind: feature.kind,
    psi: feature.psi,
    test,
    status: feature.status,
    inconclusive: feature.inconclusive,
    count: feature.count,
    missingShare: feature.missingShare,
    ...(feature.mean ? { mean: feature.mean } : {}),
  };
}
