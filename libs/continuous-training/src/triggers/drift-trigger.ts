import { SERVING_METRICS } from '@modelship/serving-contract';
import { selectSamples } from '../prometheus-text.js';
import { formatNumber, type CtTrigger } from './ct-trigger.js';

/**
 * Fires when serving's sliding-window PSI of any feature is above `ct.drift.max_psi`, once the
 * window holds at least `ct.drift.min_window_rows` rows (a small window is noise, not drift).
 * Reads the production version's series when the service exports them, else every version's.
 */
export const driftTrigger: CtTrigger = {
  id: 'drift',
  evaluate: ({ metrics, model, production }, { drift }) => {
    if (!drift) return [];
    const result = { trigger: 'drift', threshold: drift.maxPsi, comparator: '>' as const };
    if (!metrics) {
      return [
        {
          ...result,
          fired: false,
          value: null,
          reason: 'no service metrics (pass --service-url or --metrics-file)',
        },
      ];
    }
    const version = production ? String(production.version) : undefined;
    const pick = (name: string) => {
      const all = selectSamples(metrics, name, { model });
      const own = version ? all.filter((s) => s.labels['version'] === version) : [];
      return own.length > 0 ? own : all;
    };
    const psi = pick(SERVING_METRICS.featureDrift.name).filter((s) => Number.isFinite(s.value));
    const windowRows = Math.max(
      0,
      ...pick(SERVING_METRICS.driftWindowRows.name).map((s) => s.value),
    );
    if (psi.length === 0) {
      return [
        {
          ...result,
          fired: false,
          value: null,
          reason: `the service exports no ${SERVING_METRICS.featureDrift.name} for model ${model}`,
        },
      ];
    }
    const worst = psi.reduce((a, b) => (b.value > a.value ? b : a));
    const over = psi.filter((s) => s.value > drift.maxPsi).map((s) => s.labels['feature'] ?? '?');
    const where = `feature ${worst.labels['feature'] ?? '?'} (v${worst.labels['version'] ?? '?'})`;
    if (windowRows < drift.minWindowRows) {
      return [
        {
          ...result,
          fired: false,
          value: worst.value,
          reason: `inconclusive: the drift window holds ${windowRows} rows, fewer than min_window_rows ${drift.minWindowRows}`,
        },
      ];
    }
    return [
      {
        ...result,
        fired: over.length > 0,
        value: worst.value,
        reason:
          over.length > 0
            ? `PSI above ${formatNumber(drift.maxPsi)} for ${over.join(', ')}; worst ${where} over ${windowRows} rows`
            : `highest PSI ${formatNumber(worst.value)} at ${where} over ${windowRows} rows`,
      },
    ];
  },
};
