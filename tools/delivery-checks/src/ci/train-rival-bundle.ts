// A second bundle of the delivery fixture's model, trained on the same data with another model
// seed: what a staging slot serves when it runs another version than the one CI evaluated.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import type { ModelFixture } from '../../test/model-fixture.js';
import { WORKSPACE_ROOT } from '../../test/model-fixture.js';

/** Trains (once per fixture; cached beside it) and answers the rival bundle's folder. */
export async function trainRivalBundle(fixture: ModelFixture): Promise<string> {
  const dir = `${fixture.workspace}.rival`;
  const bundleDir = join(dir, 'artifacts', 'bundle');
  if (existsSync(join(dir, 'READY'))) return bundleDir;
  const work = `${dir}.build-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  for (const entry of ['data', 'data.dvc', 'config']) {
    await cp(join(fixture.workspace, entry), join(work, entry), { recursive: true });
  }
  const params = parse(await readFile(join(fixture.workspace, 'params.yaml'), 'utf8')) as {
    model: { seed?: number };
  };
  params.model.seed = (params.model.seed ?? 42) + 1;
  await writeFile(join(work, 'params.yaml'), stringify(params));
  for (const command of ['train', 'evaluate']) {
    await promisify(execFile)(
      process.execPath,
      [join(WORKSPACE_ROOT, 'apps/training/bin/modelship.js'), command],
      { cwd: work, env: { ...process.env, MODELSHIP_ROOT: work, MODEL_REGISTRY: '' } },
    );
  }
  await writeFile(join(work, 'READY'), new Date().toISOString());
  await rm(dir, { recursive: true, force: true });
  await rename(work, dir);
  return bundleDir;
}
