import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readParams } from '@modelship/params';
import type { ProjectOptions } from '../cli/project-options.js';
import { installUserDataset } from './user-dataset.js';

const workspaceRoot = join(import.meta.dirname, '..', '..', '..', '..');

describe('installUserDataset', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'create-modelship-dataset-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("writes a params.yaml the workspace's params schema accepts, pointing at the user's CSV", async () => {
    copyFileSync(join(workspaceRoot, 'params.yaml'), join(root, 'params.yaml'));
    copyFileSync(join(workspaceRoot, 'data.dvc'), join(root, 'data.dvc'));
    copyFileSync(join(workspaceRoot, 'README.md'), join(root, 'README.md'));
    mkdirSync(join(root, 'libs/params/src'), { recursive: true });
    copyFileSync(
      join(workspaceRoot, 'libs/params/src/task-defaults.json'),
      join(root, 'libs/params/src/task-defaults.json'),
    );
    const csv = join(root, 'Sales Leads.csv');
    writeFileSync(csv, 'lead,region,amount,won\n1,north,10,yes\n2,south,20,no\n');
    await installUserDataset(root, { data: csv, target: 'won' } as ProjectOptions);
    const params = readParams(root);
    expect(params.data).toMatchObject({ path: 'data/Sales Leads.csv', target: 'won' });
    expect(params.data.sample).toBeUndefined();
  });
});
