import { sortClasses } from '../data/load-task-dataset.js';
import { ImportError } from './import-error.js';
import type { SourceTensor } from './plan-model-outputs.js';

/** A classifier's classes as the bundle records them, and where each comes from in the model. */
export interface ImportClasses {
  /** The bundle's class vocabulary: binary [negative, positive], multiclass sorted as the kit sorts. */
  classes: string[];
  /** The source tensor's column for each output column: binary [positive], multiclass per class. */
  columns: number[];
  /** The label of each of the source's columns, when known (for the proof against the model's labels). */
  modelLabels: string[] | null;
}

export interface ResolveImportClassesInput {
  task: 'binary' | 'multiclass';
  file: string;
  source: SourceTensor;
  /** The labels the graph names (ZipMap or classifier attributes), in the source's column order. */
  graphLabels: string[] | null;
  /** `--classes`: the model's classes in its output order, which override the graph's labels. */
  declared?: readonly string[] | undefined;
  /** The sample's classes: binary [negative, positive], multiclass every label seen. */
  dataClasses: readonly string[];
}

/**
 * Matches the model's classes with the sample's: every label in the data must be one the model
 * can predict. A binary model answers its positive class's column; a multiclass model answers
 * every class it knows, reordered to the kit's vocabulary order (sorted, numerically for
 * integer labels), so a class the sample lacks is kept.
 * @throws ImportError `E_IMPORT_CLASSES`
 */
export function resolveImportClasses(input: ResolveImportClassesInput): ImportClasses {
  const { task, file, source, dataClasses } = input;
  const modelLabels = input.declared ? [...input.declared] : input.graphLabels;
  const fail = (problem: string, fix: string): never => {
    throw new ImportError({ code: 'E_IMPORT_CLASSES', file, problem, fix });
  };
  if (task === 'binary' && source.width === 1 && !modelLabels) {
    // One probability per row, as a sigmoid answers it: the positive class's.
    return { classes: [...dataClasses], columns: [0], modelLabels: null };
  }
  if (!modelLabels) {
    return fail(
      `the model's output "${source.name}" has ${source.width || 'several'} columns and the graph does not name their classes`,
      "pass --classes with the classes in the model's output order (for PyTorch, the order of the label encoding it was trained with)",
    );
  }
  if (source.width > 0 && source.width !== modelLabels.length) {
    fail(
      `the model's output "${source.name}" has ${source.width} columns for ${modelLabels.length} classes (${modelLabels.join(', ')})`,
      '--classes must list one class per output column',
    );
  }
  const unknown = dataClasses.find((label) => !modelLabels.includes(label));
  if (unknown !== undefined) {
    fail(
      `the sample has label "${unknown}", which the model cannot predict (its classes: ${modelLabels.join(', ')})`,
      'import with a sample of the classes the model was trained on, or pass --classes when the model encodes the same classes under other names',
    );
  }
  if (task === 'binary') {
    if (modelLabels.length !== 2) {
      fail(
        `a binary task needs a model of 2 classes, and this one has ${modelLabels.length} (${modelLabels.join(', ')})`,
        'import it with --task multiclass',
      );
    }
    const positive = dataClasses[1] ?? '';
    return { classes: [...dataClasses], columns: [modelLabels.indexOf(positive)], modelLabels };
  }
  const classes = sortClasses(modelLabels);
  return { classes, columns: classes.map((label) => modelLabels.indexOf(label)), modelLabels };
}
