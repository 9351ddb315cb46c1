import { ONNX_OUTPUTS } from '@modelship/model-bundle';
import type { ModelSignature } from '../inference/inference-pool.js';
import { ModelLoadError } from './model-load-error.js';
import type { ModelVersion } from './model-version.js';

/**
 * Checks that a loaded model answers what its task needs before it serves: the output the
 * bundle's task names (`ONNX_OUTPUTS`), as wide as the task says (binary 1, or 2 for a softmax
 * over [negative, positive]; multiclass one column per class of metadata.json; regression 1), and
 * a class vocabulary of the right size. An imported model, rewritten by `modelship import` to the
 * kit's output contract, has that float32 output only. A graph that does not declare its width
 * is checked by the warm-up run instead.
 * @throws ModelLoadError (E_MODEL_OUTPUT) naming the file, what it answers and what was expected
 */
export function checkModelOutput(
  model: Pick<ModelVersion, 'task' | 'classes' | 'imported'>,
  modelPath: string,
  output: Pick<ModelSignature, 'outputName' | 'outputWidth' | 'outputs'>,
): void {
  const { task, classes } = model;
  const expectedName = ONNX_OUTPUTS[task];
  const widths = task === 'binary' ? [1, 2] : task === 'multiclass' ? [classes.length] : [1];
  const problems: string[] = [];
  if (output.outputName !== expectedName) {
    problems.push(`its output is named \`${output.outputName}\`, not \`${expectedName}\``);
  }
  if (output.outputWidth !== null && !widths.includes(output.outputWidth)) {
    problems.push(
      `its output has ${output.outputWidth} value(s) per row, not ${widths.join(' or ')}`,
    );
  }
  if (model.imported) problems.push(...listImportedOutputProblems(output.outputs));
  if (task === 'binary' && classes.length !== 2) {
    problems.push(`metadata.json lists ${classes.length} class(es), not [negative, positive]`);
  }
  if (task === 'multiclass' && classes.length < 2) {
    problems.push(
      `metadata.json lists ${classes.length} class(es) (target.classes), not 2 or more`,
    );
  }
  if (problems.length === 0) return;
  const fix = model.imported
    ? 'import the model again with `modelship import`'
    : 'retrain it with `modelship train`';
  throw new ModelLoadError(
    'E_MODEL_OUTPUT',
    `${modelPath} cannot serve as a ${task} model: ${problems.join('; ')}. The bundle is inconsistent; ${fix}.`,
  );
}

// --- internal ---

function listImportedOutputProblems(outputs: ModelSignature['outputs']): string[] {
  const problems: string[] = [];
  if (outputs.length !== 1) {
    problems.push(
      `it has ${outputs.length} outputs (${outputs.map((o) => `\`${o.name}\``).join(', ')}), not one`,
    );
  }
  const [first] = outputs;
  if (first && first.type !== 'float32') {
    problems.push(`its output is ${first.type ?? 'not a tensor'}, not float32`);
  }
  return problems;
}
