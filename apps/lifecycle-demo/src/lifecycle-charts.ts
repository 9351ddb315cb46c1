import { renderLineChart, type LineSeries } from '@modelship/charts';
import type { ServiceSample } from './sample-service.js';

const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
];
const SIZE = { width: 760, height: 380 } as const;

/** The report's three charts, as SVG documents. */
export interface LifecycleCharts {
  drift: string;
  accuracy: string;
  weights: string;
}

/**
 * Draws the sampled service over time with the workspace's own line chart: PSI of the most
 * drifted features of the stable version (with the retraining threshold dashed), live accuracy
 * of each version and variant, and each version's share of the traffic.
 */
export function renderLifecycleCharts(
  samples: readonly ServiceSample[],
  options: { maxPsi?: number; maxFeatures?: number } = {},
): LifecycleCharts {
  const end = Math.max(1, ...samples.map((s) => s.t));
  const xDomain: [number, number] = [0, Math.ceil(end)];
  const xLabel = 'seconds since the demo started';

  const peaks = new Map<string, number>();
  for (const sample of samples) {
    for (const [feature, psi] of Object.entries(sample.drift?.psi ?? {})) {
      peaks.set(feature, Math.max(peaks.get(feature) ?? 0, psi));
    }
  }
  const features = [...peaks].sort((a, b) => b[1] - a[1]).slice(0, options.maxFeatures ?? 6);
  const driftSeries = features.map(([feature], i) =>
    series(
      feature,
      i,
      samples.flatMap((s) => pointOf(s.t, s.drift?.psi[feature])),
    ),
  );
  const top = Math.max(0.3, ...features.map(([, psi]) => psi * 1.1));
  if (options.maxPsi !== undefined) {
    driftSeries.push({
      name: `retrain above ${options.maxPsi}`,
      points: [
        [0, options.maxPsi],
        [xDomain[1], options.maxPsi],
      ],
      color: '#7f7f7f',
      dashed: true,
    });
  }

  const accuracyKeys = [...new Set(samples.flatMap((s) => Object.keys(s.accuracy)))];
  const accuracySeries = accuracyKeys.map((key, i) =>
    series(
      key,
      i,
      samples.flatMap((s) => pointOf(s.t, s.accuracy[key]?.accuracy)),
    ),
  );

  const versions = [...new Set(samples.flatMap((s) => Object.keys(s.weights)))];
  const weightSeries = versions.map((version, i) => {
    const first = samples.findIndex((s) => version in s.weights);
    return series(
      version,
      i,
      samples.slice(first).map((s) => [s.t, s.weights[version] ?? 0] as const),
    );
  });

  return {
    drift: renderLineChart({
      title: 'Feature drift (PSI) of the stable version',
      xLabel,
      yLabel: 'PSI',
      series: driftSeries,
      xDomain,
      yDomain: [0, Math.ceil(top * 10) / 10],
      ...SIZE,
    }),
    accuracy: renderLineChart({
      title: 'Live accuracy of each version (from feedback)',
      xLabel,
      yLabel: 'accuracy',
      series: accuracySeries,
      xDomain,
      yDomain: [0, 1],
      ...SIZE,
    }),
    weights: renderLineChart({
      title: 'Traffic weight of each version',
      xLabel,
      yLabel: 'share of requests',
      series: weightSeries,
      xDomain,
      yDomain: [0, 1],
      ...SIZE,
    }),
  };
}

// --- internal ---

function series(name: string, index: number, points: (readonly [number, number])[]): LineSeries {
  return { name, points, color: COLORS[index % COLORS.length] ?? '#000000' };
}

function pointOf(t: number, value: number | undefined): (readonly [number, number])[] {
  return value === undefined || !Number.isFinite(value) ? [] : [[t, value]];
}
