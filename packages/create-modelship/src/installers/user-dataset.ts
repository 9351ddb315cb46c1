import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join, posix } from 'node:path';
import type { ProjectOptions } from '../cli/project-options.js';
import { checkTargetColumn, readMaxClasses } from '../utils/check-target-column.js';
import type { TargetCheck } from '../utils/check-target-column.js';
import { toPackageName } from '../utils/derive-names.js';
import { describeDvcDirectory, describeDvcFile, formatDvcFile } from '../utils/dvc-pointer.js';
import { editParams, readYamlValue, replaceMapping } from '../utils/params-file.js';
import { formatQuickStartExample, insertQuickStartExample } from '../utils/quick-start-example.js';
import { readCsvHead } from '../utils/read-csv-column.js';
import { ScaffoldError } from '../utils/scaffold-error.js';
import { readTaskDefaults } from '../utils/task-defaults.js';
import type { Installer } from './installer.js';

/** Where the user's dataset lives in the workspace, relative to its root. */
export interface DatasetPaths {
  csv: string;
  schema: string;
}

/** The user's own CSV and its target column, when both were given. */
export interface UserDataset {
  csv: string;
  target: string;
}

export function getUserDataset(options: ProjectOptions): UserDataset | undefined {
  const { data, target } = options;
  return data === undefined || target === undefined ? undefined : { csv: data, target };
}

export function getDatasetPaths(csvPath: string): DatasetPaths {
  const file = basename(csvPath);
  const stem = basename(file, extname(file));
  return { csv: `data/${file}`, schema: `config/${stem}.schema.json` };
}

/**
 * Copies the user's CSV into data/, versions it in the workspace's DVC pointer (a folder pointer
 * when the template tracks `data/` as a folder, as DVC's `dvc add data` does) and points
 * params.yaml at it, with the target's task, that task's gate and `ct.live` defaults (for
 * regression, live-error ceilings from the target's spread), and a request and answer of the
 * task's form under the README's quick start. The schema is inferred later, by the workspace's
 * own CLI.
 */
export async function installUserDataset(root: string, options: ProjectOptions): Promise<void> {
  const dataset = getUserDataset(options);
  if (dataset === undefined) return;
  const paths = getDatasetPaths(dataset.csv);
  const paramsFile = join(root, 'params.yaml');
  const pointerFile = String(readYamlValue(paramsFile, ['data', 'dvc']) ?? 'data.dvc');
  const trackedPath = readYamlValue(join(root, pointerFile), ['outs', 0, 'path']);
  mkdirSync(join(root, 'data'), { recursive: true });
  copyFileSync(dataset.csv, join(root, paths.csv));
  const pointerDir = posix.dirname(pointerFile);
  const out =
    trackedPath === undefined || extname(String(trackedPath)) === ''
      ? await describeDvcDirectory(join(root, 'data'), posix.relative(pointerDir, 'data'), [
          basename(paths.csv),
        ])
      : await describeDvcFile(join(root, paths.csv), posix.relative(pointerDir, paths.csv));
  writeFileSync(join(root, pointerFile), formatDvcFile(out));
  const stem = basename(paths.csv, extname(paths.csv));
  const check = checkTargetColumn(dataset.csv, dataset.target, readMaxClasses(options.maxClasses));
  // The option table refused an unusable target already; this guards a call without it.
  if (check.task === undefined) throw new ScaffoldError('E_DATASET', String(check.problem));
  const { task } = check;
  const model = toPackageName(stem);
  const defaults = readTaskDefaults(root, task);
  editParams(paramsFile, [
    [['task'], task],
    [['data', 'path'], paths.csv],
    [['data', 'schema'], paths.schema],
    [['data', 'target'], dataset.target],
    [['data', 'sample'], undefined],
    [['model', 'name'], model],
    ...replaceMapping(paramsFile, ['gate'], defaults.gate),
    ...replaceMapping(paramsFile, ['ct', 'live'], {
      ...defaults.ctLive,
      ...deriveErrorCeilings(check),
    }),
  ]);
  const row = readCsvHead(dataset.csv, 100).find((r) => (r[dataset.target] ?? '') !== '');
  if (row === undefined) return;
  const readme = join(root, 'README.md');
  const example = formatQuickStartExample({
    csv: paths.csv,
    target: dataset.target,
    model,
    row,
    check,
  });
  writeFileSync(readme, insertQuickStartExample(readFileSync(readme, 'utf8'), example));
}

// --- internal ---

// A regression target's live-error ceilings (ct.live.max_rmse, max_mae): the errors of always
// predicting the mean, so continuous training fires once the served model is no better than that.
function deriveErrorCeilings({ meanBaseline }: TargetCheck): Record<string, number> {
  if (meanBaseline === undefined) return {};
  const round = (value: number) => Number(value.toPrecision(4));
  return { max_rmse: round(meanBaseline.rmse), max_mae: round(meanBaseline.mae) };
}

/** Brings the user's own CSV and target column instead of the sample dataset. */
export const userDataset: Installer = {
  name: 'your dataset',
  inUse: (options) => getUserDataset(options) !== undefined,
  installer: installUserDataset,
};
