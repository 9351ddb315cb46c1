import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureSpec } from '@modelship/features';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import type { FittedModel, ModelFamily, ModelHead, ModelSummary } from '../train/model-family.js';
import { buildGbdtOnnx } from './build-gbdt-onnx.js';
import type { GbdtIterationLog, GbdtModel } from './gbdt-model.js';
import { chooseHistogramThreads } from './histogram-threads.js';
import { predictGbdt } from './predict-gbdt.js';
import { readGbdtParams } from './read-gbdt-params.js';
import { trainGbdt } from './train-gbdt.js';

/** params.yaml `model.type: gbdt`: gradient-boosted trees, exported as an ONNX tree ensemble. */
export const gbdtFamily: ModelFamily = {
  type: 'gbdt',
  async fit({ params, head, spec, train, validation, log }) {
    const gbdtParams = readGbdtParams(params.model as Readonly<Record<string, unknown>>);
    const every = Math.max(1, Math.ceil(gbdtParams.maxTrees / 10));
    const threads = chooseHistogramThreads(train.rows, train.width);
    log(
      `gbdt: ${train.rows} training rows x ${train.width} features, histograms on ${threads === 1 ? 'one thread' : `${threads} threads`}`,
    );
    const model = trainGbdt(
      train,
      validation,
      head,
      gbdtParams,
      (round) => {
        if (round.iteration % every === 0) log(formatRound(round, gbdtParams.maxTrees));
      },
      threads,
    );
    log(
      model.stoppedEarly
        ? `gbdt: stopped early after ${model.rounds} rounds (${gbdtParams.earlyStoppingRounds} without a better validation loss); keeping round ${model.bestRound}, ${model.trees.length} trees`
        : `gbdt: ran all ${model.rounds} rounds; keeping round ${model.bestRound}, ${model.trees.length} trees`,
    );
    return toFittedModel(model, spec.featureNames);
  },
};

/**
 * A trained GBDT as the pipeline sees it: its predictions, its bundle file and its summary
 * (importance named by `featureNames`).
 */
export function toFittedModel(model: GbdtModel, featureNames: readonly string[]): FittedModel {
  return {
    type: 'gbdt',
    predict: (x, rows) => predictGbdt(model, x, rows),
    async writeModel(bundleDir: string, spec: FeatureSpec) {
      await writeFile(join(bundleDir, BUNDLE_FILES.onnx), buildGbdtModelFile(model, spec));
    },
    summary: summariseGbdt(model, featureNames),
  };
}

/** The model.onnx bytes, with the feature names and the model's shape in its metadata. */
export function buildGbdtModelFile(model: GbdtModel, spec: FeatureSpec): Uint8Array {
  if (spec.featureNames.length !== model.width) {
    throw new Error(
      `The feature spec names ${spec.featureNames.length} features, the trees read ${model.width}.`,
    );
  }
  return buildGbdtOnnx(model, {
    docString: DOC_STRINGS[model.head.task],
    metadata: {
      feature_names: JSON.stringify(spec.featureNames),
      feature_spec_version: String(spec.specVersion),
      ...(model.head.task === 'binary' ? {} : { task: model.head.task }),
      model_type: 'gbdt',
      trees: String(model.trees.length),
    },
  });
}

/**
 * The card's GBDT summary: every feature with a split, by gain (highest first), named by
 * `featureNames`.
 */
export function summariseGbdt(
  model: GbdtModel,
  featureNames: readonly string[],
): Extract<ModelSummary, { type: 'gbdt' }> {
  const { gain, splits } = model.importance;
  const importance: { feature: string; gain: number; splits: number }[] = [];
  for (let j = 0; j < model.width; j += 1) {
    if ((splits[j] as number) > 0) {
      importance.push({
        feature: featureNames[j] ?? String(j),
        gain: gain[j] as number,
        splits: splits[j] as number,
      });
    }
  }
  importance.sort((a, b) => b.gain - a.gain);
  return {
    type: 'gbdt',
    trees: model.trees.length,
    roundsRun: model.rounds,
    bestRound: model.bestRound,
    stoppedEarly: model.stoppedEarly,
    history: model.history,
    importance,
  };
}

// --- internal ---

const DOC_STRINGS: Record<ModelHead['task'], string> = {
  binary:
    'modelship GBDT: features (float32 [N, width]) -> probability of the positive class (float32 [N, 1])',
  multiclass:
    'modelship GBDT: features (float32 [N, width]) -> probabilities of each class, in the vocabulary order (float32 [N, K])',
  regression:
    "modelship GBDT: features (float32 [N, width]) -> value in the target's own units (float32 [N, 1])",
};

function formatRound(round: GbdtIterationLog, maxTrees: number): string {
  return `gbdt: round ${round.iteration}/${maxTrees}, train loss ${round.trainLoss.toFixed(4)}, validation loss ${round.validationLoss.toFixed(4)}`;
}
