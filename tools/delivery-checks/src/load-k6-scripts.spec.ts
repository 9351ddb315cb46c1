// Static checks of the k6 scripts (no k6 binary here): they parse as ES modules in a real
// JavaScript engine, import only k6's own modules, files inside load/ and the serving contract's
// plain module (no npm imports), and name scenarios and limits that exist. The shared limits logic is run here as plain ES modules.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import vm from 'node:vm';
import { WORKSPACE_ROOT } from '../test/model-fixture.js';

const LOAD = join(WORKSPACE_ROOT, 'load');
// The one file outside load/ that k6 may load: metric names, paths and shapes, without imports.
const CONTRACT_NAMES = join(WORKSPACE_ROOT, 'libs/serving-contract/src/serving-names.ts');
const SCRIPTS = ['smoke', 'load', 'stress', 'spike'];
const THRESHOLDS = JSON.parse(readFileSync(join(LOAD, 'thresholds.json'), 'utf8')) as {
  scenarios: Record<string, unknown>;
};

interface Limits {
  errorRate: number;
  checkRate: number;
  p95Ms: number;
  p99Ms: number;
}
interface ThresholdsLib {
  resolveLimits(file: unknown, scenario: string, env: Record<string, string>): Limits;
  buildK6Thresholds(limits: Limits): Record<string, string[]>;
}
interface ScenariosLib {
  scenarios: Record<string, { stages: { duration: string; target: number }[] }>;
  parseDuration(duration: string): number;
}

describe.each(SCRIPTS)('load/%s.js', (name) => {
  const file = join(LOAD, `${name}.js`);
  const text = readFileSync(file, 'utf8');

  it('parses as an ES module and reaches only k6 modules, files inside load/ and the contract names', () => {
    const files = collectModuleGraph(file);
    expect(files.map((path) => relative(LOAD, path))).toContain('lib/payloads.js');
    expect(files).toContain(CONTRACT_NAMES);
    for (const path of files) {
      const source = readFileSync(path, 'utf8');
      // k6 runs neither Node's globals nor CommonJS.
      expect({
        path,
        node: source.match(/\b(?:require\(|process\.|import\.meta|Buffer\.)/g),
      }).toEqual({ path, node: null });
    }
  });

  it('runs the scenario of its own name, which has stages and limits', () => {
    expect(text).toContain(`createScenario('${name}'`);
    expect(THRESHOLDS.scenarios[name]).toBeDefined();
  });

  it('reads thresholds.json by a path that exists next to it', () => {
    const opened = [...text.matchAll(/open\('([^']+)'\)/g)].map((match) => match[1]);
    expect(opened).toEqual(['./thresholds.json']);
    expect(existsSync(resolve(LOAD, opened[0]))).toBe(true);
  });

  it('exports options, setup, handleSummary and a default function', () => {
    for (const exported of ['options', 'setup', 'handleSummary']) {
      expect(text).toMatch(new RegExp(`^export const ${exported} = `, 'm'));
    }
    expect(text).toMatch(/^export default /m);
  });
});

describe('load limits (lib/thresholds.js)', () => {
  let lib: ThresholdsLib;
  beforeAll(async () => {
    lib = (await import(join(LOAD, 'lib', 'thresholds.js'))) as ThresholdsLib;
  });

  it.each([
    ['no override keeps thresholds.json', {}, { errorRate: 0.01, checkRate: 0.99 }],
    ['P95_MS and P99_MS override latency', { P95_MS: '7', P99_MS: '9' }, { p95Ms: 7, p99Ms: 9 }],
    ['ERROR_RATE overrides the error rate', { ERROR_RATE: '0.05' }, { errorRate: 0.05 }],
    ['an empty override is ignored', { P99_MS: '' }, { p99Ms: 500 }],
  ])('%s', (_title, env, expected) => {
    expect(lib.resolveLimits(THRESHOLDS, 'smoke', env)).toMatchObject(expected);
  });

  it.each([
    ['P99_MS', 'fast'],
    ['P95_MS', '-1'],
    ['ERROR_RATE', 'NaN'],
  ])('rejects %s=%s naming the variable', (variable, value) => {
    expect(() => lib.resolveLimits(THRESHOLDS, 'smoke', { [variable]: value })).toThrow(
      `${variable} must be a non-negative number, got \`${value}\`.`,
    );
  });

  it('turns limits into k6 thresholds on the inference requests only', () => {
    const limits = lib.resolveLimits(THRESHOLDS, 'load', { P95_MS: '120' });
    expect(lib.buildK6Thresholds(limits)).toEqual({
      'http_req_failed{kind:inference}': ['rate<0.01'],
      'http_req_duration{kind:inference}': ['p(95)<120', `p(99)<${limits.p99Ms}`],
      'checks{kind:inference}': ['rate>=0.99'],
    });
  });

  it('has limits for every scenario and a scenario for every limit', async () => {
    const { scenarios } = (await import(join(LOAD, 'lib', 'scenarios.js'))) as ScenariosLib;
    expect(Object.keys(scenarios).sort()).toEqual(Object.keys(THRESHOLDS.scenarios).sort());
    expect(Object.keys(scenarios).sort()).toEqual([...SCRIPTS].sort());
  });

  it.each([
    ['30s', 30],
    ['1m', 60],
    ['1m30s', 90],
    ['500ms', 0.5],
  ])('reads the k6 duration %s as %s s', async (duration, seconds) => {
    const { parseDuration } = (await import(join(LOAD, 'lib', 'scenarios.js'))) as ScenariosLib;
    expect(parseDuration(duration)).toBe(seconds);
  });
});

// --- internal ---

// Parses a module and every local module it imports (V8's own ES module parser), failing on a
// syntax error, an import that is neither k6's nor a relative path inside load/, or a missing file.
function collectModuleGraph(entry: string, seen = new Set<string>()): string[] {
  if (seen.has(entry)) return [...seen];
  seen.add(entry);
  const module = new vm.SourceTextModule(readFileSync(entry, 'utf8'), { identifier: entry });
  const specifiers = (module as unknown as { dependencySpecifiers: string[] }).dependencySpecifiers;
  for (const specifier of specifiers) {
    if (specifier === 'k6' || specifier.startsWith('k6/')) continue;
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
      throw new Error(`${relative(LOAD, entry)} imports \`${specifier}\`: k6 cannot load it.`);
    }
    const target = resolve(dirname(entry), specifier);
    const inside = !relative(LOAD, target).startsWith('..') || target === CONTRACT_NAMES;
    if (!inside || !existsSync(target)) {
      throw new Error(
        `${relative(LOAD, entry)} imports \`${specifier}\`, not a file in load/ or the contract names.`,
      );
    }
    collectModuleGraph(target, seen);
  }
  return [...seen];
}
