import type { FeatureSpec, ModelFeed } from '@modelship/features';
import { buildModelFeeds, FeatureError } from '@modelship/features';
import type { ModelSignature } from '../inference/inference-pool.js';
import type { ModelTensorInfo } from '../inference/model-runner.js';
import { ModelLoadError } from './model-load-error.js';

/**
 * Checks that a loaded model takes what its feature spec feeds it, before it serves. The kit's
 * models take one float32 input as wide as the spec (a graph that does not declare its width is
 * checked by the warm-up run). An imported model takes one tensor per binding: every bound input
 * must exist with the binding's element type, rank 2 and one column per bound column, and every
 * graph input must be bound.
 * @throws ModelLoadError (E_MODEL_WIDTH, E_MODEL_INPUTS) naming the file, the input and the fix
 */
export function checkModelInputs(
  spec: FeatureSpec,
  modelPath: string,
  signature: Pick<ModelSignature, 'inputWidth' | 'inputs'>,
): void {
  if (!spec.modelInputs) {
    const { inputWidth } = signature;
    if (inputWidth === null || inputWidth === spec.width) return;
    throw new ModelLoadError(
      'E_MODEL_WIDTH',
      `${modelPath} takes ${inputWidth} features but the feature spec makes ${spec.width}; the bundle is inconsistent, retrain it.`,
    );
  }
  const problems = listInputProblems(readFeeds(spec, modelPath), signature.inputs);
  if (problems.length === 0) return;
  throw new ModelLoadError(
    'E_MODEL_INPUTS',
    `${modelPath} does not take the inputs feature-spec.json binds: ${problems.join('; ')}. The bundle is inconsistent; import the model again with \`modelship import\`.`,
  );
}

// --- internal ---

// The feeds the workers will build, for no rows: each binding's tensor type and column count.
function readFeeds(spec: FeatureSpec, modelPath: string): Record<string, ModelFeed> {
  try {
    return buildModelFeeds(spec, new Float32Array(0), 0, '');
  } catch (error) {
    if (!(error instanceof FeatureError)) throw error;
    throw new ModelLoadError('E_MODEL_INPUTS', `${modelPath}: ${error.message}`, { cause: error });
  }
}

function listInputProblems(
  feeds: Record<string, ModelFeed>,
  inputs: readonly ModelTensorInfo[],
): string[] {
  const declared = new Map(inputs.map((input) => [input.name, input]));
  const problems: string[] = [];
  for (const [name, feed] of Object.entries(feeds)) {
    const input = declared.get(name);
    const columns = feed.dims[1];
    if (!input) {
      problems.push(`it has no input \`${name}\` (it has ${listNames(inputs)})`);
    } else if (input.type !== feed.type) {
      problems.push(`input \`${name}\` is ${input.type ?? 'not a tensor'}, not ${feed.type}`);
    } else if (!fitsColumns(input.shape, columns)) {
      problems.push(
        `input \`${name}\` has shape [${input.shape?.join(', ')}], not [N, ${columns}]`,
      );
    }
  }
  for (const input of inputs) {
    if (!(input.name in feeds)) problems.push(`its input \`${input.name}\` is bound to no column`);
  }
  return problems;
}

function fitsColumns(shape: ModelTensorInfo['shape'], columns: number): boolean {
  if (!shape || shape.length !== 2) return false;
  const last = shape[1];
  return typeof last !== 'number' || last <= 0 || last === columns;
}

function listNames(inputs: readonly ModelTensorInfo[]): string {
  return inputs.length === 0 ? 'none' : inputs.map((input) => `\`${input.name}\``).join(', ');
}
