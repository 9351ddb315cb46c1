import type { LayersModel } from '@tensorflow/tfjs';

/** One dense layer's weights: `kernel` is row-major [inputs, units]. */
export interface DenseLayer {
  name: string;
  inputs: number;
  units: number;
  kernel: Float32Array;
  bias: Float32Array;
  activation: string;
}

/** Layers with no effect at inference, left out of the exported graph. */
const INFERENCE_NO_OPS = new Set(['Dropout', 'InputLayer']);

/** Reads the trained network as a chain of dense layers; any other layer type is refused. */
export function extractDenseLayers(model: LayersModel): DenseLayer[] {
  const layers: DenseLayer[] = [];
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (INFERENCE_NO_OPS.has(className)) continue;
    if (className !== 'Dense') {
      throw new Error(
        `Cannot export a ${className} layer (${layer.name}) to ONNX; only Dense and Dropout layers are supported.`,
      );
    }
    const [kernel, bias] = layer.getWeights();
    if (!kernel || !bias)
      throw new Error(`Dense layer ${layer.name} has no bias; build it with useBias: true.`);
    const [inputs = 0, units = 0] = kernel.shape;
    layers.push({
      name: layer.name,
      inputs,
      units,
      kernel: Float32Array.from(kernel.dataSync()),
      bias: Float32Array.from(bias.dataSync()),
      activation: String(layer.getConfig()['activation'] ?? 'linear'),
    });
  }
  return layers;
}
