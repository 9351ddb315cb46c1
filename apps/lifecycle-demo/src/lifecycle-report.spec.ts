import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseXml, type XmlElement } from '@modelship/charts/testing';
import { REPORT_FILES, writeLifecycleReport } from './lifecycle-report.js';
import type { ServiceSample } from './sample-service.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'modelship-lifecycle-report-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// A drift at t=10, a canary of v2 from t=20 promoted at t=30, a v3 canary rolled back at t=40.
function sampleRun(): ServiceSample[] {
  return Array.from({ length: 50 }, (_, t): ServiceSample => {
    const canary = t >= 20 && t < 30;
    const stable = t < 30 ? '1' : '2';
    return {
      t,
      drift: {
        version: stable,
        windowRows: 1000,
        psi: { f_num: t < 10 ? 0.01 : 0.9, f_cat: t < 10 ? 0.02 : 0.4 },
      },
      accuracy: {
        'v1 stable': { accuracy: t < 10 ? 0.8 : 0.68, rows: 500 },
        ...(t >= 20 ? { 'v2 canary': { accuracy: 0.77, rows: 300 } } : {}),
        ...(t >= 40 ? { 'v3 canary': { accuracy: 0.5, rows: 100 } } : {}),
      },
      weights: canary
        ? { v1: 0.8, v2: 0.2 }
        : t >= 40 && t < 45
          ? { v2: 0.8, v3: 0.2 }
          : { [`v${stable}`]: 1 },
      rollout: null,
    };
  });
}

const write = () =>
  writeLifecycleReport(dir, {
    startedAt: '2026-01-01T00:00:00.000Z',
    seconds: 50,
    failure: null,
    figures: [['time to detect drift', '2.4 s']],
    timeline: [{ t: 10, stage: 'b drift', event: 'drift starts: f_num -1 & <done>' }],
    samples: sampleRun(),
    maxPsi: 0.2,
  });

const seriesOf = (svg: XmlElement): string[] =>
  svg.children
    .filter((c) => c.name === 'g' && c.attributes['data-series'])
    .map((c) => c.attributes['data-series'] ?? '');

describe('writeLifecycleReport', () => {
  it.each([
    [REPORT_FILES.drift, ['f_num', 'f_cat', 'retrain above 0.2']],
    [REPORT_FILES.accuracy, ['v1 stable', 'v2 canary', 'v3 canary']],
    [REPORT_FILES.weights, ['v1', 'v2', 'v3']],
  ])('writes %s as a well-formed SVG with one line per series', (file, series) => {
    write();
    const svg = parseXml(readFileSync(join(dir, file), 'utf8'));
    expect(svg.name).toBe('svg');
    expect(seriesOf(svg).sort()).toEqual([...series].sort());
  });

  it('draws each version as getting traffic only while it is served', () => {
    write();
    const svg = parseXml(readFileSync(join(dir, REPORT_FILES.weights), 'utf8'));
    const v3 = svg.children.find((c) => c.attributes['data-series'] === 'v3');
    const points = v3?.children[0]?.attributes['points']?.split(' ') ?? [];
    // v3 appears at t=40 (a fifth of the traffic), then drops to nothing.
    expect(points).toHaveLength(10);
    expect(new Set(points.map((p) => p.split(',')[1])).size).toBe(2);
  });

  it('inlines the three charts in a self-contained report.html with the figures and timeline', () => {
    write();
    const html = readFileSync(join(dir, REPORT_FILES.html), 'utf8');
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.map((svg) => parseXml(svg).children.find((c) => c.name === 'title')?.text)).toEqual(
      [
        'Feature drift (PSI) of the stable version',
        'Live accuracy of each version (from feedback)',
        'Traffic weight of each version',
      ],
    );
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('time to detect drift');
    expect(html).toContain('drift starts: f_num -1 &amp; &lt;done&gt;');
  });

  // Headless Chromium, when installed, must find the three charts in the rendered page.
  it('renders in a browser with the three SVG charts in the DOM (when chromium is on PATH)', () => {
    const [file] = write().filter((path) => path.endsWith(REPORT_FILES.html));
    const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find(
      (name) => spawnSync('which', [name]).status === 0,
    );
    const dom = chromium
      ? execFileSync(
          chromium,
          ['--headless', '--disable-gpu', '--no-sandbox', '--dump-dom', `file://${file}`],
          {
            encoding: 'utf8',
            timeout: 60_000,
          },
        )
      : readFileSync(file ?? '', 'utf8');
    expect(dom.match(/<svg /g)).toHaveLength(3);
    expect(dom).toContain('id="traffic-weights"');
  });
});
