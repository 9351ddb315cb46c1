// deploy/monitoring against the real tools and the real service: promtool checks the config and
// the rules and runs their unit tests; every metric the alerts and the dashboard use is one the
// running service exports; docker-compose wires files that exist.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { listServingSeriesNames, PROCESS_METRIC_PREFIXES } from '@modelship/serving-contract';
import { parse } from 'yaml';
import { readModelFixture, WORKSPACE_ROOT } from '../test/model-fixture.js';
import { startService } from '../test/start-service.js';

const MONITORING = join(WORKSPACE_ROOT, 'deploy', 'monitoring');
const INSTALL = 'install it: apt-get install -y prometheus (what .ci/run does when it is absent)';
// Series Prometheus itself adds to every scrape target.
const SYNTHETIC_SERIES = new Set(['up']);

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed YAML and dashboard JSON */
const alerts = readYaml('alerts.yml') as {
  groups: { rules: { alert: string; expr: string; labels: { severity: string } }[] }[];
};
const rules = alerts.groups.flatMap((group) => group.rules);
const dashboard = JSON.parse(read('grafana/dashboards/modelship.json')) as any;
const compose = readYaml('docker-compose.yml') as any;
const prometheus = readYaml('prometheus.yml') as any;

describe('promtool', () => {
  it.each([
    ['check rules', ['check', 'rules', 'alerts.yml'], /SUCCESS: \d+ rules found/],
    ['check config', ['check', 'config', 'prometheus.yml'], /is valid prometheus config file/],
    ['test rules', ['test', 'rules', 'alerts.test.yml'], /SUCCESS/],
  ])('%s passes', async (_title, args, success) => {
    const output = await runPromtool(args);
    expect(output).toMatch(success);
  });
});

describe('deploy/monitoring/alerts.yml', () => {
  it.each([
    ['high error rate', 'modelship_http_requests_total'],
    ['p99 latency', 'modelship_http_request_duration_seconds_bucket'],
    ['feature drift', 'modelship_feature_drift_psi'],
    ['live accuracy drop', 'modelship_live_accuracy'],
    ['model load failures', 'modelship_model_load_total'],
    ['rollout rolled back', 'modelship_rollout_outcomes_total'],
    ['service down', 'up'],
  ])('has an alert on %s (%s)', (_title, metric) => {
    expect(rules.some((rule) => listMetricNames(rule.expr).includes(metric))).toBe(true);
  });

  it('unit-tests every alert firing (alerts.test.yml)', () => {
    const tests = (readYaml('alerts.test.yml') as any).tests as any[];
    const firing = new Set(
      tests.flatMap((test) =>
        (test.alert_rule_test as any[])
          .filter((check) => check.exp_alerts.length > 0)
          .map((check) => check.alertname as string),
      ),
    );
    expect(rules.map((rule) => rule.alert).filter((name) => !firing.has(name))).toEqual([]);
  });

  it('gives every alert a severity of critical or warning', () => {
    for (const rule of rules) expect(['critical', 'warning']).toContain(rule.labels.severity);
  });
});

describe('metric names against the serving contract', () => {
  const declared = new Set(listServingSeriesNames());
  const undeclared = (names: string[]) =>
    unique(names).filter(
      (name) =>
        !declared.has(name) &&
        !SYNTHETIC_SERIES.has(name) &&
        !PROCESS_METRIC_PREFIXES.some((prefix) => name.startsWith(prefix)),
    );

  it('declares every metric the alerts use', () => {
    const used = rules.flatMap((rule) => listMetricNames(rule.expr));
    expect(used.length).toBeGreaterThan(rules.length);
    expect(undeclared(used)).toEqual([]);
  });

  it('declares every metric the Grafana dashboard queries', () => {
    const used = listDashboardExpressions().flatMap(listMetricNames);
    expect(unique(used).length).toBeGreaterThan(20);
    expect(undeclared(used)).toEqual([]);
  });
});

describe('metric names against the running service', () => {
  let exported: Set<string>;

  beforeAll(async () => {
    const service = await startService({ modelDir: readModelFixture().bundleDir });
    try {
      const ready = (await (await fetch(`${service.url}/health/ready`)).json()) as any;
      const openapi = (await (await fetch(`${service.url}/openapi.json`)).json()) as any;
      const example = Object.fromEntries(
        Object.entries(openapi.components.schemas.Instance.properties as Record<string, any>)
          .filter(([name]) => openapi.components.schemas.Instance.required.includes(name))
          .map(([name, schema]) => [name, exampleValue(schema)]),
      );
      const predicted = await fetch(`${service.url}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(example),
      });
      expect({ status: predicted.status, model: ready.models[0].name }).toEqual({
        status: 200,
        model: 'delivery',
      });
      exported = parseExposition(await (await fetch(`${service.url}/metrics`)).text());
    } finally {
      await service.stop();
    }
  });

  it('exports every metric the alerts use', () => {
    const used = rules.flatMap((rule) => listMetricNames(rule.expr));
    expect(used.length).toBeGreaterThan(rules.length);
    expect(
      unique(used).filter((name) => !exported.has(name) && !SYNTHETIC_SERIES.has(name)),
    ).toEqual([]);
  });

  it('exports every metric the Grafana dashboard queries', () => {
    const used = listDashboardExpressions().flatMap(listMetricNames);
    expect(unique(used).length).toBeGreaterThan(20);
    expect(unique(used).filter((name) => !exported.has(name))).toEqual([]);
  });
});

describe('deploy/monitoring Grafana and docker-compose', () => {
  it('queries the provisioned Prometheus data source from every panel', () => {
    const datasources = readYaml('grafana/provisioning/datasources/prometheus.yml') as any;
    const uid = datasources.datasources[0].uid;
    const panels = (dashboard.panels as any[]).filter((panel) => panel.type !== 'row');
    expect(panels.length).toBeGreaterThan(10);
    for (const panel of panels) {
      expect({ panel: panel.title, uid: panel.datasource.uid }).toEqual({
        panel: panel.title,
        uid,
      });
    }
    expect(new Set(dashboard.panels.map((panel: any) => panel.id)).size).toBe(
      dashboard.panels.length,
    );
    expect(datasources.datasources[0].url).toBe(
      `http://prometheus:${compose.services.prometheus.ports[0].split(':')[1]}`,
    );
  });

  it('builds the service from the root Dockerfile', () => {
    const build = compose.services.serving.build;
    const context = resolve(MONITORING, build.context);
    expect(context).toBe(WORKSPACE_ROOT);
    expect(existsSync(join(context, build.dockerfile))).toBe(true);
  });

  it('mounts only files and folders that exist (the model bundle is what training writes)', () => {
    const training = readFileSync(join(WORKSPACE_ROOT, 'libs/params/src/default-paths.ts'), 'utf8');
    for (const [name, service] of Object.entries(compose.services as Record<string, any>)) {
      for (const volume of (service.volumes ?? []) as string[]) {
        const [source] = volume.split(':');
        if (!source.startsWith('.')) continue; // a named volume
        const path = resolve(MONITORING, source);
        if (path === join(WORKSPACE_ROOT, 'artifacts', 'bundle')) {
          expect(training).toContain("bundle: 'artifacts/bundle'");
        } else {
          expect({ name, volume, exists: existsSync(path) }).toEqual({
            name,
            volume,
            exists: true,
          });
        }
      }
    }
  });

  it('has Prometheus scrape the serving container on the port it listens on', () => {
    const [target] = prometheus.scrape_configs[0].static_configs[0].targets as string[];
    expect(target).toBe(`serving:${compose.services.serving.environment.PORT}`);
    expect(prometheus.scrape_configs[0].metrics_path).toBe('/metrics');
    expect(compose.services.prometheus.command).toContain(
      '--config.file=/etc/prometheus/prometheus.yml',
    );
    const mounts = compose.services.prometheus.volumes as string[];
    for (const file of ['prometheus.yml', ...prometheus.rule_files]) {
      expect(mounts).toContain(`./${file}:/etc/prometheus/${file}:ro`);
    }
  });

  it('provisions dashboards from the folder the dashboard JSON is mounted at', () => {
    const providers = readYaml('grafana/provisioning/dashboards/modelship.yml') as any;
    const path = providers.providers[0].options.path as string;
    expect(compose.services.grafana.volumes).toContain(`./grafana/dashboards:${path}:ro`);
    expect(compose.services.grafana.volumes).toContain(
      './grafana/provisioning:/etc/grafana/provisioning:ro',
    );
  });
});

// --- internal ---

function read(file: string): string {
  return readFileSync(join(MONITORING, file), 'utf8');
}

function readYaml(file: string): unknown {
  return parse(read(file));
}

async function runPromtool(args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)('promtool', args, { cwd: MONITORING });
    return stdout + stderr;
  } catch (error) {
    const failed = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failed.code === 'ENOENT') throw new Error(`promtool is not installed: ${INSTALL}.`);
    throw new Error(`promtool ${args.join(' ')} failed:\n${failed.stdout}${failed.stderr}`);
  }
}

// Metric names in a PromQL expression: identifiers that are not functions, keywords, label
// names (inside {...}, by/on/... lists) or durations.
function listMetricNames(expr: string): string[] {
  const cleaned = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const keywords = new Set(['and', 'or', 'unless', 'offset', 'bool', 'inf', 'nan']);
  return [...cleaned.matchAll(/(?<![\w.$])([a-zA-Z_:][\w:]*)(\s*\()?/g)]
    .filter((match) => match[2] === undefined && !keywords.has(match[1].toLowerCase()))
    .map((match) => match[1]);
}

function listDashboardExpressions(): string[] {
  const panels = (dashboard.panels as any[]).flatMap((panel) => [panel, ...(panel.panels ?? [])]);
  const targets = panels.flatMap((panel) => (panel.targets ?? []).map((t: any) => t.expr));
  const variables = (dashboard.templating.list as any[]).map((variable) =>
    // label_values(metric, label): the metric is the first argument.
    String(variable.query.query ?? variable.query).replace(/^label_values\((\w+),.*\)$/, '$1'),
  );
  return [...targets, ...variables];
}

// Every series name a scrape offers: `# TYPE` families, histograms as _bucket, _sum and _count.
function parseExposition(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\w+)$/gm)) {
    if (type === 'histogram') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    } else if (type === 'summary') {
      for (const suffix of ['', '_sum', '_count']) names.add(name + suffix);
    } else {
      names.add(name);
    }
  }
  return names;
}

function exampleValue(schema: { type: string | string[]; examples?: unknown[]; minimum?: number }) {
  if (schema.examples) return schema.examples[0];
  return [schema.type].flat().includes('boolean') ? true : (schema.minimum ?? 1);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
