import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { npxModelship, WORKSPACE_ROOT } from './testing/npx-modelship.js';

const rows = Array.from(
  { length: 30 },
  (_, i) => `${i},${20 + (i % 10)},${['a', 'b'][i % 2]},${i % 2}`,
);

// A workspace inside this one's git-ignored tmp/, so `npx` finds the linked bin from it as a
// person's shell would, and modelship finds the workspace's root by walking up to its params.yaml.
let root: string;
let subfolder: string;
beforeAll(() => {
  mkdirSync(join(WORKSPACE_ROOT, 'tmp'), { recursive: true });
  root = mkdtempSync(join(WORKSPACE_ROOT, 'tmp', 'modelship-cli-'));
  subfolder = join(root, 'notebooks', 'drafts');
  mkdirSync(subfolder, { recursive: true });
  writeFileSync(join(root, 'rows.csv'), `id,age,plan,y\n${rows.join('\n')}\n`);
  writeFileSync(
    join(root, 'params.yaml'),
    [
      'data: { path: rows.csv, dvc: data.dvc, schema: rows.schema.json, target: y }',
      'split: { test: 0.2, validation: 0.1, seed: 1, stratify: true }',
      'model: { name: m, seed: 1 }',
      'gate: { metric: roc_auc, margin: 0 }',
    ].join('\n'),
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npx modelship', () => {
  it('lists its commands from any folder of the workspace', () => {
    const result = npxModelship(['--help'], { cwd: join(WORKSPACE_ROOT, 'libs') });
    expect(result.status).toBe(0);
    // eslint-disable-next-line no-control-regex -- citty colours its help
    const help = result.stdout.replace(/\u001b\[\d+m/g, '');
    expect(help).toMatch(/USAGE modelship train\|evaluate\|gate\|data\|/);
    expect(help).toContain('Use modelship <command> --help');
  });

  it('reads and writes the same files from a subfolder as from the root', () => {
    const infer = ['schema', 'infer', 'rows.csv', '--target', 'y', '--out', 'rows.schema.json'];
    expect(npxModelship(infer, { cwd: subfolder }).status).toBe(0);
    expect(existsSync(join(root, 'rows.schema.json'))).toBe(true);

    const report = join(root, 'reports', 'validation', 'validation.json');
    const fromRoot = npxModelship(['validate', '--data', 'rows.csv'], { cwd: root });
    expect(fromRoot.status).toBe(0);
    const rootReport = JSON.parse(readFileSync(report, 'utf8'));
    rmSync(join(root, 'reports'), { recursive: true });

    const fromSubfolder = npxModelship(['validate', '--data', 'rows.csv'], { cwd: subfolder });
    expect(fromSubfolder.status).toBe(0);
    const subfolderReport = JSON.parse(readFileSync(report, 'utf8'));
    expect(subfolderReport.dataset.file).toBe(join(root, 'rows.csv'));
    expect(subfolderReport.dataset).toEqual(rootReport.dataset);
    expect(subfolderReport.summary).toEqual(rootReport.summary);
    expect(existsSync(join(subfolder, 'reports'))).toBe(false);
    expect(existsSync(join(subfolder, 'rows.schema.json'))).toBe(false);
  });

  it('prints one line naming the key, the value and what is allowed for bad params', () => {
    const bad = readFileSync(join(root, 'params.yaml'), 'utf8').replace(
      'seed: 1 }',
      'seed: 1, epochs: 0 }',
    );
    writeFileSync(join(subfolder, 'params.yaml'), bad);
    try {
      const result = npxModelship(['validate'], { cwd: subfolder });
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toEqual([
        'modelship validate: params.yaml: model.epochs must be an integer >= 1, got 0',
      ]);
    } finally {
      rmSync(join(subfolder, 'params.yaml'));
    }
  });
});
