import type { ModelFeedSpec } from '@modelship/features';
import { buildModelFeeds } from '@modelship/features';
import type { Tensor } from 'onnxruntime-node';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';

/**
 * A session's input tensors for rows of a feature matrix made by the bundle's feature spec: the
 * matrix itself as the one float32 input of the kit's own models, or an imported model's named
 * inputs (see buildModelFeeds). Without a spec, the matrix goes to `defaultInput` as is.
 */
export async function createOnnxFeeds(
  spec: ModelFeedSpec | undefined,
  features: FeatureMatrix,
  defaultInput: string,
): Promise<Record<string, Tensor>> {
  // Loaded lazily so commands that never score rows do not load the native runtime.
  const ort = await import('onnxruntime-node');
  const data =
    features.values instanceof Float32Array ? features.values : Float32Array.from(features.values);
  const feeds = buildModelFeeds(
    spec ?? { columns: [], width: features.columns },
    data,
    features.rows,
    defaultInput,
  );
  return Object.fromEntries(
    Object.entries(feeds).map(([name, feed]) => [
      name,
      new ort.Tensor(feed.type, feed.data, feed.dims),
    ]),
  );
}
