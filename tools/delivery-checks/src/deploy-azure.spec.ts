// Structural checks of deploy/azure (no Bicep compiler here): parameters declared, passed and
// used; modules wired; the Web App on port 443 with a real health path and a staging slot; the
// role assignments; and the resource names each parameter file produces valid under Azure's rules.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../test/model-fixture.js';

const AZURE = join(WORKSPACE_ROOT, 'deploy', 'azure');
const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d';
const STORAGE_BLOB_DATA_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';

interface Param {
  name: string;
  type: string;
  defaultValue: string | undefined;
  decorators: string[];
}
interface BicepFile {
  text: string;
  params: Map<string, Param>;
  vars: Map<string, string>;
  modules: { symbol: string; path: string; params: string[] }[];
}

const main = parseBicep(read('main.bicep'));
const moduleFiles = readdirSync(join(AZURE, 'modules')).filter((f) => f.endsWith('.bicep'));
const parameterFiles = readdirSync(AZURE).filter((f) => /^main\.parameters\.\w+\.json$/.test(f));

describe('deploy/azure/main.bicep', () => {
  it('has a parameter file per environment (dev, prod)', () => {
    expect(parameterFiles.sort()).toEqual([
      'main.parameters.dev.json',
      'main.parameters.prod.json',
    ]);
  });

  it.each(['main.bicep', ...moduleFiles.map((f) => `modules/${f}`)])(
    '%s uses every parameter it declares',
    (file) => {
      const bicep = parseBicep(read(file));
      const code = bicep.text.replace(/^@description\(.*$/gm, '');
      const unused = [...bicep.params.keys()].filter((name) => countWord(code, name) < 2);
      expect(unused).toEqual([]);
    },
  );

  it.each(main.modules.map((m) => [m.symbol, m] as const))(
    'module %s exists and gets exactly the parameters it declares (all required ones)',
    (_symbol, module) => {
      const target = parseBicep(read(module.path));
      const declared = [...target.params.keys()];
      const required = [...target.params.values()].filter((p) => p.defaultValue === undefined);
      expect(module.params.filter((name) => !declared.includes(name))).toEqual([]);
      expect(required.map((p) => p.name).filter((name) => !module.params.includes(name))).toEqual(
        [],
      );
    },
  );

  it('runs the container on port 443 as the Dockerfile exposes it (WEBSITES_PORT)', () => {
    const webApp = read('modules/web-app.bicep');
    expect(webApp).toContain("{ name: 'WEBSITES_PORT', value: '443' }");
    const dockerfile = readFileSync(join(WORKSPACE_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^EXPOSE 443$/m);
  });

  it("checks health on the service's readiness path", () => {
    const webApp = read('modules/web-app.bicep');
    const path = webApp.match(/var healthCheckPath = '([^']+)'/)?.[1];
    expect(path).toBe('/health/ready');
    expect(webApp).toMatch(/healthCheckPath: healthCheckPath/);
    const routes = readFileSync(
      join(WORKSPACE_ROOT, 'apps/serving/src/routes/health-routes.ts'),
      'utf8',
    );
    expect(routes).toContain(`path: '${path}'`);
  });

  it('has a staging slot with its own identity and the same container settings', () => {
    const webApp = read('modules/web-app.bicep');
    const slot = webApp.match(
      /resource \w+ 'Microsoft\.Web\/sites\/slots@[^']+' = (?:if \(useSlots\) )?\{([\s\S]*?)\n\}/,
    );
    expect(slot?.[1]).toContain("name: 'staging'");
    expect(slot?.[1]).toContain("identity: { type: 'SystemAssigned' }");
    expect(slot?.[1]).toContain('siteConfig: union(siteConfig');
    expect(webApp).toContain("appSettingNames: ['MODEL_STAGE']");
  });

  it('grants the site and the slot AcrPull on the registry and blob access on the storage account', () => {
    const roles = read('modules/role-assignments.bicep');
    expect(roles).toContain(`'${ACR_PULL}'`);
    expect(roles).toContain(`'${STORAGE_BLOB_DATA_CONTRIBUTOR}'`);
    expect(roles.match(/scope: registry\b/g)).toHaveLength(1);
    expect(roles.match(/scope: account\b/g)).toHaveLength(1);
    expect(main.text).toContain(
      'principalIds: [webApp.outputs.principalId, webApp.outputs.stagingPrincipalId]',
    );
    expect(read('modules/web-app.bicep')).toContain('acrUseManagedIdentityCreds: true');
  });

  it('points MODEL_REGISTRY at the azblob:// models container, as the scaffolder does', () => {
    const storage = read('modules/storage.bicep');
    expect(storage).toContain("var containers = ['models', 'dvc']");
    expect(storage).toContain("'azblob://${account.name}/${containers[0]}'");
    expect(read('modules/web-app.bicep')).toContain(
      "{ name: 'MODEL_REGISTRY', value: modelRegistryUrl }",
    );
  });

  it('takes the admin token as a secure parameter, never a literal', () => {
    expect(main.params.get('adminToken')?.decorators).toContain('@secure()');
    expect(main.params.get('adminToken')?.defaultValue).toBe("''");
    for (const file of moduleFiles) {
      expect(read(`modules/${file}`)).not.toMatch(/ADMIN_TOKEN', value: '/);
    }
  });

  it('outputs what CI needs: the registry login server and the web app name', () => {
    for (const output of [
      'acrLoginServer',
      'acrName',
      'webAppName',
      'stagingUrl',
      'modelRegistryUrl',
    ]) {
      expect(main.text).toMatch(new RegExp(`^output ${output} string = `, 'm'));
    }
  });

  it.each(['webAppName', 'containerRegistryName', 'storageAccountName'])(
    "defaults %s to a plain literal, which create-modelship rewrites to the project's name",
    (name) => {
      // The scaffolder renames `param <kind>Name string = '<value>'` (packages/create-modelship
      // infra-names.ts); an interpolated default would keep the template's name.
      expect(main.params.get(name)?.defaultValue).toMatch(/^'[a-z0-9][a-z0-9-]*'$/);
    },
  );
});

describe('deploymentMode', () => {
  const webApp = read('modules/web-app.bicep');
  const webhook = read('modules/registry-webhook.bicep');

  it('is slots or registryWebhook, slots by default', () => {
    expect(main.params.get('deploymentMode')?.decorators).toContain(
      "@allowed(['slots', 'registryWebhook'])",
    );
    expect(main.params.get('deploymentMode')?.defaultValue).toBe("'slots'");
    expect(main.text).toContain("var useSlots = deploymentMode == 'slots'");
    expect(webApp).toContain("var useSlots = deploymentMode == 'slots'");
    expect(main.modules.find((m) => m.symbol === 'webApp')?.params).toContain('deploymentMode');
  });

  it('slots: the staging slot, its identity (skipped in role assignments when empty) and its URL exist only then', () => {
    expect(webApp).toMatch(
      /resource staging 'Microsoft\.Web\/sites\/slots@[^']+' = if \(useSlots\) \{/,
    );
    expect(webApp).toContain(
      "output stagingPrincipalId string = useSlots ? staging.identity.principalId : ''",
    );
    const roles = read('modules/role-assignments.bicep');
    expect(
      roles.match(/for principalId in principalIds: if \(!empty\(principalId\)\) \{/g),
    ).toHaveLength(2);
    expect(main.text).toContain(
      "output stagingUrl string = useSlots ? 'https://${webApp.outputs.stagingHostName}' : ''",
    );
  });

  it('registryWebhook: DOCKER_ENABLE_CI on the site, only in that mode', () => {
    expect(webApp).toContain(
      "var continuousDeploymentSettings = useSlots ? [] : [{ name: 'DOCKER_ENABLE_CI', value: 'true' }]",
    );
    const site = webApp.match(/resource site 'Microsoft\.Web\/sites@[^']+' = \{([\s\S]*?)\n\}/);
    expect(site?.[1]).toContain('continuousDeploymentSettings');
    const code = webApp.replace(/^\s*(?:\/\/|@description\().*$/gm, '');
    expect(code.match(/DOCKER_ENABLE_CI/g)).toHaveLength(1);
  });

  it("registryWebhook: an ACR push webhook on the image tag calls the site's Kudu hook", () => {
    expect(main.text).toMatch(
      /^module webhook 'modules\/registry-webhook\.bicep' = if \(deploymentMode == 'registryWebhook'\) \{/m,
    );
    expect(main.text).toContain("imageScope: '${imageName}:${imageTag}'");
    const resource = webhook.match(
      /resource webhook 'Microsoft\.ContainerRegistry\/registries\/webhooks@[^']+' = \{([\s\S]*?)\n\}/,
    );
    expect(resource?.[1]).toContain('parent: registry');
    expect(resource?.[1]).toContain("actions: ['push']");
    expect(resource?.[1]).toContain('scope: imageScope');
    expect(resource?.[1]).toContain(
      "serviceUri: '${publishingCredentials.properties.scmUri}/api/registry/webhook'",
    );
    expect(webhook).toContain("'${site.id}/config/publishingcredentials'");
  });

  it('registryWebhook: the webhook name is 5-50 letters and digits for the default web app', () => {
    const siteName = evaluate(main.vars.get('siteName') ?? '', main, defaultsOf(main));
    const name = `cd${siteName.replace(/[-_]/g, '')}`.slice(0, 50);
    expect(webhook).toContain(
      "name: take('cd${replace(replace(webAppName, '-', ''), '_', '')}', 50)",
    );
    expect(name).toMatch(/^[a-z0-9]{5,50}$/i);
  });
});

describe.each(parameterFiles)('deploy/azure/%s', (file) => {
  const parameters = (JSON.parse(read(file)) as { parameters: Record<string, { value: unknown }> })
    .parameters;
  const values = { ...defaultsOf(main), ...parameters };

  it('sets only parameters main.bicep declares, with allowed values', () => {
    for (const [name, { value }] of Object.entries(parameters)) {
      const param = main.params.get(name);
      expect({ name, declared: param !== undefined }).toEqual({ name, declared: true });
      for (const decorator of param?.decorators ?? []) {
        checkDecorator(name, decorator, value);
      }
    }
  });

  it('provides every parameter that has no default', () => {
    const required = [...main.params.values()].filter((p) => p.defaultValue === undefined);
    expect(required.map((p) => p.name).filter((name) => !(name in parameters))).toEqual([]);
  });

  it('holds no secret', () => {
    expect(
      Object.keys(parameters).filter((name) => /token|password|secret|key/i.test(name)),
    ).toEqual([]);
  });

  it.each([
    ['web app', 'siteName', /^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$/i],
    ['container registry', 'registryName', /^[a-z0-9]{5,50}$/i],
    ['storage account', 'accountName', /^[a-z0-9]{3,24}$/],
  ])('gives a valid %s name (%s)', (_kind, variable, rule) => {
    const name = evaluate(main.vars.get(variable) ?? '', main, values);
    expect(name).toMatch(rule);
  });

  it('gives valid plan, Log Analytics and Application Insights names', () => {
    const siteName = evaluate(main.vars.get('siteName') ?? '', main, values);
    expect(`plan-${siteName}`).toMatch(/^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$/i);
    expect(`log-${siteName}`).toMatch(/^[a-z0-9][a-z0-9-]{2,61}[a-z0-9]$/i);
    expect(`appi-${siteName}`.length).toBeLessThanOrEqual(260);
  });
});

it('keeps dev and prod names apart (globally unique names must not collide)', () => {
  const names = parameterFiles.map((file) => {
    const values = { ...defaultsOf(main), ...JSON.parse(read(file)).parameters };
    return ['siteName', 'registryName', 'accountName'].map((v) =>
      evaluate(main.vars.get(v) ?? '', main, values),
    );
  });
  expect(names[0].filter((name) => names[1].includes(name))).toEqual([]);
});

// --- internal ---

function read(file: string): string {
  return readFileSync(join(AZURE, file), 'utf8');
}

function parseBicep(text: string): BicepFile {
  const params = new Map<string, Param>();
  const vars = new Map<string, string>();
  let decorators: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('@')) decorators.push(line.trim());
    const param = line.match(/^param (\w+) (\w+)(?: = (.+))?$/);
    if (param)
      params.set(param[1], { name: param[1], type: param[2], defaultValue: param[3], decorators });
    const variable = line.match(/^var (\w+) = (.+)$/);
    if (variable) vars.set(variable[1], variable[2]);
    if (!line.startsWith('@')) decorators = [];
  }
  const modules = [...text.matchAll(/^module (\w+) '([^']+)' = (?:if \([^)]*\) )?\{/gm)].map(
    (match) => {
      const body = readBlock(text, (match.index ?? 0) + match[0].length - 1);
      const paramsAt = body.indexOf('params: {');
      const block = paramsAt < 0 ? '{}' : readBlock(body, paramsAt + 'params: '.length);
      return { symbol: match[1], path: match[2], params: listTopLevelKeys(block) };
    },
  );
  return { text, params, vars, modules };
}

// The text of the {...} block starting at `start`, braces balanced, strings skipped.
function readBlock(text: string, start: number): string {
  let depth = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (char === "'" && text[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (char === '{' || char === '[') depth++;
    if (char === '}' || char === ']') depth--;
    if (depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`Unbalanced block at ${start}`);
}

function listTopLevelKeys(block: string): string[] {
  const inner = block.slice(1, -1);
  const keys: string[] = [];
  let depth = 0;
  for (const line of inner.split('\n')) {
    const key = depth === 0 ? line.match(/^\s*(\w+):/) : null;
    if (key) keys.push(key[1]);
    depth += (line.match(/[{[]/g) ?? []).length - (line.match(/[}\]]/g) ?? []).length;
  }
  return keys;
}

function countWord(text: string, word: string): number {
  return text.match(new RegExp(`\\b${word}\\b`, 'g'))?.length ?? 0;
}

function defaultsOf(bicep: BicepFile): Record<string, { value: unknown }> {
  const defaults: Record<string, { value: unknown }> = {};
  for (const param of bicep.params.values()) {
    const literal = param.defaultValue?.match(/^'([^'$]*)'$/);
    if (literal) defaults[param.name] = { value: literal[1] };
  }
  return defaults;
}

// Evaluates the few Bicep expression forms the names use: 'text ${expr}', take(expr, n),
// empty(x) ? a : b, and parameter or variable names.
function evaluate(
  expression: string,
  bicep: BicepFile,
  values: Record<string, { value: unknown }>,
): string {
  const expr = expression.trim();
  const ternary = expr.match(/^empty\((\w+)\) \? (.+?) : (.+)$/);
  if (ternary) {
    const empty = evaluate(ternary[1], bicep, values) === '';
    return evaluate(empty ? ternary[2] : ternary[3], bicep, values);
  }
  const take = expr.match(/^take\((.+), (\d+)\)$/);
  if (take) return evaluate(take[1], bicep, values).slice(0, Number(take[2]));
  const literal = expr.match(/^'(.*)'$/);
  if (literal) {
    return literal[1].replace(/\$\{([^}]+)\}/g, (_m, inner: string) =>
      evaluate(inner, bicep, values),
    );
  }
  if (/^\w+$/.test(expr)) {
    if (expr in values) return String(values[expr].value);
    const variable = bicep.vars.get(expr);
    if (variable !== undefined) return evaluate(variable, bicep, values);
  }
  throw new Error(`Cannot evaluate Bicep expression \`${expr}\``);
}

function checkDecorator(name: string, decorator: string, value: unknown): void {
  const allowed = decorator.match(/^@allowed\(\[(.*)\]\)$/);
  if (allowed) {
    const options = allowed[1].split(',').map((option) => option.trim().replace(/^'|'$/g, ''));
    expect({ name, value, allowed: options.includes(String(value)) }).toEqual({
      name,
      value,
      allowed: true,
    });
  }
  const limit = decorator.match(/^@(minValue|maxValue|maxLength|minLength)\((\d+)\)$/);
  if (!limit) return;
  const measured = typeof value === 'string' ? value.length : Number(value);
  const bound = Number(limit[2]);
  const ok = limit[1].startsWith('min') ? measured >= bound : measured <= bound;
  expect({ name, decorator, ok }).toEqual({ name, decorator, ok: true });
}
