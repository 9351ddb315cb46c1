import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeXml } from '@modelship/charts';
import { renderLifecycleCharts, type LifecycleCharts } from './lifecycle-charts.js';
import type { ServiceSample } from './sample-service.js';
import { formatTimelineEvent, type TimelineEvent } from './timeline.js';

export interface LifecycleReportInput {
  startedAt: string;
  seconds: number;
  /** Null when every stage behaved as expected, else the failure. */
  failure: string | null;
  /** The closing figures: label and value, in order. */
  figures: [label: string, value: string][];
  timeline: readonly TimelineEvent[];
  samples: readonly ServiceSample[];
  /** Drift threshold drawn on the drift chart. */
  maxPsi?: number;
}

export const REPORT_FILES = {
  html: 'report.html',
  drift: 'drift.svg',
  accuracy: 'live-accuracy.svg',
  weights: 'traffic-weights.svg',
  timeline: 'timeline.txt',
} as const;

/**
 * Writes the demo's report to `dir`: the three charts as SVG files, the timeline as text and
 * `report.html`, one self-contained page (charts inline, no scripts, no external files).
 * Returns the paths written.
 */
export function writeLifecycleReport(dir: string, input: LifecycleReportInput): string[] {
  mkdirSync(dir, { recursive: true });
  const charts = renderLifecycleCharts(input.samples, { maxPsi: input.maxPsi });
  const files: [string, string][] = [
    [REPORT_FILES.drift, charts.drift],
    [REPORT_FILES.accuracy, charts.accuracy],
    [REPORT_FILES.weights, charts.weights],
    [REPORT_FILES.timeline, `${input.timeline.map(formatTimelineEvent).join('\n')}\n`],
    [REPORT_FILES.html, renderLifecycleHtml(input, charts)],
  ];
  return files.map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

export function renderLifecycleHtml(input: LifecycleReportInput, charts: LifecycleCharts): string {
  const verdict = input.failure
    ? `<p class="bad">FAILED: ${escapeXml(input.failure)}</p>`
    : '<p class="good">Every stage behaved as expected.</p>';
  const figures = input.figures
    .map(([label, value]) => `<tr><th>${escapeXml(label)}</th><td>${escapeXml(value)}</td></tr>`)
    .join('\n');
  const timeline = input.timeline
    .map(
      (e) =>
        `<tr><td>+${e.t.toFixed(1)} s</td><td>${escapeXml(e.stage)}</td><td>${escapeXml(e.event)}</td></tr>`,
    )
    .join('\n');
  const figure = (id: string, svg: string, caption: string) =>
    `<figure id="${id}">${svg.replace(/^<\?xml[^>]*>/, '')}<figcaption>${escapeXml(caption)}</figcaption></figure>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>modelship: the model lifecycle demo</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
figure { margin: 1.5rem 0; } figcaption { font-size: 0.85rem; color: #555; }
.good { color: #1a7f37; font-weight: bold; } .bad { color: #b42318; font-weight: bold; }
</style>
</head>
<body>
<h1>The model lifecycle demo</h1>
<p>Started ${escapeXml(input.startedAt)}, ran ${input.seconds.toFixed(0)} s:
serve v1, replay drifted traffic with delayed labels, detect the drift, retrain v2 on the new
data, canary and promote it, then canary a model trained on shuffled labels and roll it back.</p>
${verdict}
<h2>Figures</h2>
<table>
${figures}
</table>
<h2>Charts</h2>
${figure('drift', charts.drift, 'PSI per feature of the version serving as stable, from GET /drift (window of recent rows).')}
${figure('live-accuracy', charts.accuracy, 'Live accuracy per version and variant, from GET /feedback/summary (window of recent labels).')}
${figure('traffic-weights', charts.weights, 'Share of the traffic per version, from GET /admin/rollout.')}
<h2>Timeline</h2>
<table>
${timeline}
</table>
</body>
</html>
`;
}
