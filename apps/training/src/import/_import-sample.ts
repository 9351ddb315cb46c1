import type { DatasetSchema } from '@modelship/data-validation';
import type { FeatureSpec, RawRow } from '@modelship/features';
import { FeatureError, transformRows } from '@modelship/features';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import type { TaskDataset } from '../data/load-task-dataset.js';
import type { InputBindings } from './bind-model-inputs.js';
import { ImportError } from './import-error.js';
import type { ImportClasses } from './resolve-import-classes.js';

// What import checks and adapts in the labelled sample before it measures a model on it.

/**
 * Fewest labelled rows `modelship import` measures a model on: with the default 20% test split,
 * 40 test rows, the least that gives each metric (and each class of a binary target) a few
 * rows. Below it the card's figures would be noise, so the import is refused.
 */
export const MIN_LABELLED_ROWS = 200;

/** @throws ImportError `E_IMPORT_TOO_FEW_ROWS` */
export function checkEnoughRows(dataset: TaskDataset, file: string): void {
  if (dataset.rows.length >= MIN_LABELLED_ROWS) return;
  throw new ImportError({
    code: 'E_IMPORT_TOO_FEW_ROWS',
    file,
    problem: `the sample has ${dataset.rows.length} labelled rows; measuring a model takes at least ${MIN_LABELLED_ROWS} (a fifth of them become the test split)`,
    fix: `import with a labelled sample of ${MIN_LABELLED_ROWS} rows or more, drawn like the data the model will serve`,
  });
}

// An inferred schema's feature columns the model does not take are left out, as the user would.
export function ignoreColumns(schema: DatasetSchema, unused: readonly string[]): DatasetSchema {
  if (unused.length === 0) return schema;
  const left = new Set(unused);
  return {
    ...schema,
    columns: schema.columns.map((column) =>
      left.has(column.name) ? { ...column, role: 'ignore' as const } : column,
    ),
  };
}

// A multiclass model may know classes the sample lacks: its labels become indices into the
// bundle's vocabulary.
export function withVocabulary(dataset: TaskDataset, classes: ImportClasses | null): TaskDataset {
  if (dataset.task !== 'multiclass' || !classes) return dataset;
  const index = dataset.classes.map((name) => classes.classes.indexOf(name));
  return {
    ...dataset,
    classes: classes.classes,
    labels: Uint16Array.from(dataset.labels, (label) => index[label] ?? 0),
  };
}

// A value an integer input cannot take is the sample's problem: name the file, row and column.
export function transformSample(
  spec: FeatureSpec,
  rows: readonly RawRow[],
  file: string,
  binding: InputBindings,
): FeatureMatrix {
  try {
    const matrix = transformRows(spec, rows);
    return { rows: matrix.rows, columns: matrix.width, values: matrix.data };
  } catch (error) {
    if (!(error instanceof FeatureError)) throw error;
    const input = binding.bindings.find(
      (b) => error.column !== undefined && b.columns.includes(error.column),
    );
    throw new ImportError({
      code: 'E_IMPORT_INPUT_TYPE',
      file,
      ...(input ? { input: input.name } : {}),
      ...(error.column === undefined ? {} : { column: error.column }),
      problem: `sample row ${(error.row ?? 0) + 1}: ${error.message}`,
      fix: 'fill or drop the rows the model cannot take, or export the model with a float input for that column',
      cause: error,
    });
  }
}

/**
 * A model that answers NaN for a row of the sample (a missing value its graph has no imputer for)
 * would give silent wrong answers: refused, naming the row and its missing columns.
 * @throws ImportError `E_IMPORT_NOT_A_NUMBER`
 */
export function checkAnswers(
  outputs: Float32Array,
  width: number,
  features: FeatureMatrix,
  spec: FeatureSpec,
  file: string,
): void {
  const at = outputs.findIndex((value) => Number.isNaN(value));
  if (at === -1) return;
  const row = Math.floor(at / Math.max(width, 1));
  const missing = spec.featureNames.filter((_, c) =>
    Number.isNaN(features.values[row * features.columns + c] as number),
  );
  throw new ImportError({
    code: 'E_IMPORT_NOT_A_NUMBER',
    file,
    ...(missing[0] === undefined ? {} : { column: missing[0] }),
    problem: `the model answers NaN for sample row ${row + 1}${missing.length > 0 ? `, whose ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing` : ''}`,
    fix: 'export the model with an imputer for the columns that may be missing (scikit-learn: SimpleImputer in the pipeline), or drop such rows from the data it will serve',
  });
}
