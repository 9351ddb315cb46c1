import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const readJson = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const readYaml = (path: string) =>
  parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;

function assert(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** Every workspace package is named @scope/*, and no file still names the template's scope. */
function checkScope(root: string, scope: string): void {
  for (const group of ['apps', 'libs']) {
    for (const project of readdirSync(join(root, group))) {
      const name = String(readJson(join(root, group, project, 'package.json'))['name']);
      assert(
        name.startsWith(`@${scope}/`),
        `${group}/${project} is named ${name}, not @${scope}/*`,
      );
    }
  }
  const leftovers: string[] = [];
  // Independent of the scaffolder's own file walk, so a walk that misses folders cannot hide.
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!['node_modules', '.git', '.nx'].includes(entry.name) && path !== 'data') walk(path);
      } else if (/\.(?:[cm]?[jt]s|json|ya?ml|md)$/.test(entry.name)) {
        if (readFileSync(join(root, path), 'utf8').includes('@modelship/')) leftovers.push(path);
      }
    }
  };
  walk('');
  assert(leftovers.length === 0, `still naming @modelship/: ${leftovers.join(', ')}`);
}

/** The CI definitions the template has, kept or left out as chosen. */
function checkCi(
  root: string,
  templateFiles: Set<string>,
  keep: { github: boolean; azure: boolean },
): string {
  const hasGithub = [...templateFiles].some((path) => path.startsWith('.github/'));
  const hasAzure = templateFiles.has('azure-pipelines.yml');
  assert(
    existsSync(join(root, '.github')) === (hasGithub && keep.github),
    `.github/ should be ${keep.github ? 'kept' : 'absent'}`,
  );
  assert(
    existsSync(join(root, 'azure-pipelines.yml')) === (hasAzure && keep.azure),
    `azure-pipelines.yml should be ${keep.azure ? 'kept' : 'absent'}`,
  );
  return `template has .github: ${hasGithub}, azure-pipelines.yml: ${hasAzure}`;
}

export function checkDefaults(root: string, templateFiles: Set<string>, output: string): string {
  checkScope(root, 'my-app');
  const ci = checkCi(root, templateFiles, { github: true, azure: true });
  assert(existsSync(join(root, 'node_modules')), 'the scaffolder did not install node_modules');
  assert(
    existsSync(join(root, '.gitignore')) && existsSync(join(root, '.npmrc')),
    '.gitignore or .npmrc missing',
  );
  assert(
    readYaml(join(root, 'params.yaml'))['data']?.['sample'] !== undefined,
    'params.yaml lost data.sample',
  );
  assert(
    /npm start/.test(output) && /npm test/.test(output),
    'the next steps miss npm start / npm test',
  );
  return ci;
}

export function checkUserDataset(
  root: string,
  templateFiles: Set<string>,
  expected: { scope: string; csv: string; target: string; model: string },
): string {
  checkScope(root, expected.scope);
  const ci = checkCi(root, templateFiles, { github: false, azure: true });
  const params = readYaml(join(root, 'params.yaml'));
  const model = params['model'] ?? {};
  assert(model['type'] === expected.model, `model.type is ${String(model['type'])}`);
  const data = params['data'] ?? {};
  assert(data['path'] === expected.csv, `data.path is ${String(data['path'])}`);
  assert(data['target'] === expected.target, `data.target is ${String(data['target'])}`);
  assert(data['sample'] === undefined, 'data.sample is still set');
  assert(existsSync(join(root, expected.csv)), `${expected.csv} was not copied`);
  const schema = readJson(join(root, String(data['schema'])));
  const target = schema['target'] as { column?: string } | undefined;
  assert(target?.column === expected.target, `the schema's target is ${String(target?.column)}`);
  return ci;
}

/**
 * The scaffolder installed and inferred the CSV's schema itself (run through npx, whose
 * npm_config_package must not reach the inner commands), printing plain lines into the pipe.
 */
export function checkInstalledWithSchema(root: string, output: string, schema: string): string {
  assert(existsSync(join(root, 'node_modules')), 'the scaffolder did not install node_modules');
  assert(!/npx canceled/.test(output), 'an inner npx was canceled (npm_config_package leaked)');
  assert(
    output.includes(`Inferred the schema of your CSV: ${schema}`),
    `the scaffolder did not infer ${schema}:\n${output.slice(-1500)}`,
  );
  assert(existsSync(join(root, schema)), `${schema} was not written`);
  // Without a terminal: no spinner frames, no cursor movement.
  const cursorCodes = `${String.fromCharCode(27)}[?25`;
  assert(!/[◒◐◓◑]/.test(output) && !output.includes(cursorCodes), 'spinner frames in piped output');
  return (output.match(/Installed dependencies in [\d.]+ s/) ?? [''])[0];
}

/**
 * A workspace scaffolded on a user's CSV of a task: params.yaml declares the task and points at
 * the CSV, the inferred schema's target is the column, and the README's quick start shows a
 * request and answer of that task.
 */
export function checkTaskWorkspace(
  root: string,
  expected: { task: string; csv: string; target: string; model: string },
): string {
  const params = readYaml(join(root, 'params.yaml'));
  assert(
    params['task'] === (expected.task as unknown),
    `params.yaml task is ${String(params['task'])}`,
  );
  const model = params['model'] ?? {};
  assert(model['type'] === expected.model, `model.type is ${String(model['type'])}`);
  const data = params['data'] ?? {};
  assert(data['path'] === expected.csv, `data.path is ${String(data['path'])}`);
  assert(data['target'] === expected.target, `data.target is ${String(data['target'])}`);
  assert(data['sample'] === undefined, 'data.sample is still set');
  const schema = readJson(join(root, String(data['schema'])));
  const target = schema['target'] as { column?: string; kind?: string } | undefined;
  assert(target?.column === expected.target, `the schema's target is ${String(target?.column)}`);
  // Wrapped at the README's width: compare with single spaces.
  const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(/\s+/g, ' ');
  assert(
    readme.includes(`target \`${expected.target}\`, task ${expected.task}), \`npm start\``),
    `the README's quick start shows no ${expected.task} request and answer`,
  );
  return `task ${expected.task}, model ${expected.model}, schema target kind ${String(target?.kind)}`;
}

/**
 * The bundle `npm start` left holds the family params.yaml names: `train-result.json`'s
 * `modelType`, a tree ensemble in model.onnx for gbdt, and for `auto` every family compared on
 * the validation split with the kept one the best.
 */
export function checkTrainedFamily(root: string): string {
  const type = String(readYaml(join(root, 'params.yaml'))['model']?.['type'] ?? 'mlp');
  const bundle = join(root, 'artifacts', 'bundle');
  const result = readJson(join(bundle, 'train-result.json'));
  const trained = String(result['modelType']);
  const isTrees = readFileSync(join(bundle, 'model.onnx')).includes('TreeEnsembleRegressor');
  assert(
    isTrees === (trained === 'gbdt'),
    `model.onnx ${isTrees ? 'is' : 'is not'} a tree ensemble for ${trained}`,
  );
  if (type !== 'auto') {
    assert(trained === type, `params.yaml names ${type}, the bundle holds ${trained}`);
    return trained;
  }
  const selection = result['selection'] as
    | { metric: string; chosen: string; candidates: { type: string; validation: number }[] }
    | undefined;
  const candidates = selection?.candidates ?? [];
  assert(
    candidates.map((c) => c.type).join() === 'linear,gbdt,mlp',
    `auto compared ${candidates.map((c) => c.type).join(', ') || 'nothing'}`,
  );
  assert(
    selection?.chosen === trained,
    `auto chose ${String(selection?.chosen)}, the bundle holds ${trained}`,
  );
  const figures = candidates.map((c) => `${c.type} ${c.validation.toFixed(4)}`).join(', ');
  return `auto kept ${trained} (validation ${selection?.metric}: ${figures})`;
}
