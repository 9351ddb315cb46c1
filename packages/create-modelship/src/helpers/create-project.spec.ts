import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestContext } from '../../test/test-context.js';
import { runCli } from '../cli/run-cli.js';
import { userDataset } from '../installers/user-dataset.js';
import type { Installer } from '../installers/index.js';
import { applyOptions } from './apply-options.js';
import { createProject } from './create-project.js';

let test: ReturnType<typeof createTestContext>;
beforeEach(() => {
  test = createTestContext();
});
afterEach(() => test.cleanup());

// A real failure midway: the dataset step reads a path that is a folder, not a CSV file
// (the CLI checked it was a file; it was replaced before the step ran).
async function scaffoldWithFailingDataset(folder: string) {
  const csv = join(test.cwd, 'gone.csv');
  writeFileSync(csv, 'a,b\n1,2\n3,4\n');
  const options = await runCli([folder, '--data', csv, '--target', 'b'], test.context);
  rmSync(csv);
  mkdirSync(csv);
  const project = createProject(options, test.context);
  const renamed: Installer = { name: 'rename', inUse: () => true, installer: () => undefined };
  return project.guard(() => applyOptions(project, options, [renamed, userDataset]));
}

describe('cleanup on failure', () => {
  it('removes the folder it created, parents included, when a step fails', async () => {
    await expect(scaffoldWithFailingDataset('deep/nested/app')).rejects.toThrow(/EISDIR/);
    expect(existsSync(join(test.cwd, 'deep'))).toBe(false);
  });

  it('empties a folder that existed empty, and keeps it', async () => {
    mkdirSync(join(test.cwd, 'empty'));
    await expect(scaffoldWithFailingDataset('empty')).rejects.toThrow(/EISDIR/);
    expect(readdirSync(join(test.cwd, 'empty'))).toEqual([]);
  });

  it('refuses a folder filled between the questions and the copy', async () => {
    const options = await runCli(['app'], test.context);
    mkdirSync(join(options.directory, 'src'), { recursive: true });
    expect(() => createProject(options, test.context)).toThrow(
      /not empty: create-modelship never overwrites/,
    );
    expect(readdirSync(options.directory)).toEqual(['src']);
  });

  it('says how to get a template when it is missing', async () => {
    const options = await runCli(['app'], test.context);
    expect(() =>
      createProject(options, { ...test.context, templateDir: join(test.base, 'nope') }),
    ).toThrow(/template is missing/);
    expect(existsSync(options.directory)).toBe(false);
  });
});
