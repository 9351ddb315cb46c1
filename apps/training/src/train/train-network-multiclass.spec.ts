import type { ModelParams } from './model-params.js';
import { loadTensorflow } from './load-tensorflow.js';
import type { TaskMatrices } from './testing/generate-task-matrices.js';
import { generateMulticlassMatrices, HEAD_TEST_PARAMS } from './testing/generate-task-matrices.js';
import { predictProbabilities, trainNetwork } from './train-network.js';

const datasets = new Map<number, TaskMatrices<Uint8Array>>(
  [3, 5].map((classes) => [
    classes,
    generateMulticlassMatrices({ classes, rows: 1_500, width: 7, seed: 20 + classes }),
  ]),
);

function getData(classes: number): TaskMatrices<Uint8Array> {
  const data = datasets.get(classes);
  if (!data) throw new Error(`no dataset with ${classes} classes`);
  return data;
}

async function trainMulticlass(classes: number, overrides: Partial<ModelParams> = {}) {
  const { tf } = await loadTensorflow();
  const data = getData(classes);
  const params = { ...HEAD_TEST_PARAMS, ...overrides };
  return trainNetwork(tf, params, data.train, data.validation, undefined, {
    task: 'multiclass',
    classes,
  });
}

function computeMajorityShare(labels: Uint8Array, classes: number): number {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return Math.max(...counts) / labels.length;
}

describe('trainNetwork with a multiclass head', () => {
  it.each([3, 5])(
    'learns %i classes: test accuracy well above the majority class share',
    async (classes) => {
      const { tf } = await loadTensorflow();
      const { test } = getData(classes);
      const trained = await trainMulticlass(classes);
      const x = tf.tensor2d(test.x, [test.rows, test.width]);
      const probabilities = await predictProbabilities(tf, trained.model, x);
      x.dispose();
      trained.model.dispose();
      expect(probabilities).toHaveLength(test.rows * classes);
      let correct = 0;
      for (let i = 0; i < test.rows; i += 1) {
        const row = Array.from(probabilities.subarray(i * classes, (i + 1) * classes));
        expect(row.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
        if (row.indexOf(Math.max(...row)) === test.y[i]) correct += 1;
      }
      const majority = computeMajorityShare(test.y, classes);
      expect(majority).toBeLessThan(0.6);
      expect(correct / test.rows).toBeGreaterThan(majority + 0.3);
      expect(trained.history.at(-1)?.valRocAuc).toBeGreaterThan(0.85);
      expect(trained.targetScaling).toBeNull();
    },
  );

  it('trains to identical weights twice with the same seed, other weights with another', async () => {
    const weightsOf = async (seed: number) => {
      const trained = await trainMulticlass(3, { seed, epochs: 3 });
      const weights = trained.model.getWeights().map((w) => w.dataSync() as Float32Array);
      const history = trained.history.map(({ seconds: _seconds, ...rest }) => rest);
      trained.model.dispose();
      return { weights, history };
    };
    const [first, second, other] = [await weightsOf(7), await weightsOf(7), await weightsOf(8)];
    expect(second.history).toEqual(first.history);
    expect(second.weights).toEqual(first.weights);
    expect(other.weights[0]).not.toEqual(first.weights[0]);
  });

  it('weights the classes as binary does: balanced weights change what is learnt', async () => {
    const balanced = await trainMulticlass(5, { classWeight: 'balanced', epochs: 2 });
    const unweighted = await trainMulticlass(5, { classWeight: 'none', epochs: 2 });
    expect(balanced.history[0]?.loss).not.toBe(unweighted.history[0]?.loss);
    expect(balanced.model.getWeights()[0]?.dataSync()).not.toEqual(
      unweighted.model.getWeights()[0]?.dataSync(),
    );
    balanced.model.dispose();
    unweighted.model.dispose();
  });

  it('refuses a label outside the class count, naming the split and the row', async () => {
    const { tf } = await loadTensorflow();
    const data = getData(3);
    const validation = { ...data.validation, y: Uint8Array.from(data.validation.y) };
    validation.y[4] = 3;
    await expect(
      trainNetwork(tf, HEAD_TEST_PARAMS, data.train, validation, undefined, {
        task: 'multiclass',
        classes: 3,
      }),
    ).rejects.toThrow("The validation split's label on row 4 is 3, not a class index 0..2.");
  });
});
