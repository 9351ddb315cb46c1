import { loadTensorflow } from './load-tensorflow.js';
import type { ModelParams } from './model-params.js';
import type { RegressionLoss } from './network-head.js';
import { restoreTargetUnits } from './target-scaling.js';
import {
  computeStandardDeviation,
  generateRegressionMatrices,
  HEAD_TEST_PARAMS,
} from './testing/generate-task-matrices.js';
import { predictProbabilities, trainNetwork } from './train-network.js';

// Prices around 250,000 spread by tens of thousands: far from the unit scale networks learn on.
const data = generateRegressionMatrices({
  rows: 1_500,
  width: 6,
  seed: 5,
  offset: 250_000,
  scale: 40_000,
});

async function trainRegression(loss: RegressionLoss, overrides: Partial<ModelParams> = {}) {
  const { tf } = await loadTensorflow();
  return trainNetwork(
    tf,
    { ...HEAD_TEST_PARAMS, ...overrides },
    data.train,
    data.validation,
    undefined,
    { task: 'regression', loss },
  );
}

describe('trainNetwork with a regression head', () => {
  it.each<RegressionLoss>([{ kind: 'mse' }, { kind: 'huber', delta: 1 }])(
    'learns with $kind loss: test RMSE in the target units well below its standard deviation',
    async (loss) => {
      const { tf } = await loadTensorflow();
      const trained = await trainRegression(loss);
      const x = tf.tensor2d(data.test.x, [data.test.rows, data.test.width]);
      const scaling = trained.targetScaling;
      if (scaling === null) throw new Error('expected the target scaling');
      const values = restoreTargetUnits(await predictProbabilities(tf, trained.model, x), scaling);
      x.dispose();
      trained.model.dispose();
      let squares = 0;
      for (let i = 0; i < data.test.rows; i += 1)
        squares += ((values[i] ?? 0) - (data.test.y[i] ?? 0)) ** 2;
      const rmse = Math.sqrt(squares / data.test.rows);
      const std = computeStandardDeviation(data.test.y);
      expect(rmse).toBeLessThan(0.35 * std);
      expect(trained.history.at(-1)?.valRmse).toBeLessThan(0.35 * std);
    },
  );

  it("records the training split's mean and standard deviation as the target scaling", async () => {
    const trained = await trainRegression({ kind: 'mse' }, { epochs: 1 });
    trained.model.dispose();
    const { mean = 0, std = 0 } = trained.targetScaling ?? {};
    const trainMean = data.train.y.reduce((sum, y) => sum + y, 0) / data.train.rows;
    expect(mean).toBeCloseTo(trainMean, 6);
    expect(std).toBeCloseTo(computeStandardDeviation(data.train.y), 6);
    expect(mean).toBeGreaterThan(200_000);
  });

  it.each<RegressionLoss>([{ kind: 'mse' }, { kind: 'huber', delta: 0.5 }])(
    'trains to identical weights twice with the same seed ($kind)',
    async (loss) => {
      const weightsOf = async (seed: number) => {
        const trained = await trainRegression(loss, { seed, epochs: 3, dropout: 0.1 });
        const weights = trained.model.getWeights().map((w) => w.dataSync() as Float32Array);
        const history = trained.history.map(({ seconds: _seconds, ...rest }) => rest);
        trained.model.dispose();
        return { weights, history };
      };
      const [first, second, other] = [await weightsOf(3), await weightsOf(3), await weightsOf(4)];
      expect(second.history).toEqual(first.history);
      expect(second.weights).toEqual(first.weights);
      expect(other.weights[0]).not.toEqual(first.weights[0]);
    },
  );

  it('trains differently with Huber loss than with squared loss', async () => {
    const mse = await trainRegression({ kind: 'mse' }, { epochs: 2 });
    const huber = await trainRegression({ kind: 'huber', delta: 0.2 }, { epochs: 2 });
    expect(huber.history[0]?.valLoss).not.toBeCloseTo(mse.history[0]?.valLoss ?? 0, 3);
    expect(huber.model.getWeights()[0]?.dataSync()).not.toEqual(
      mse.model.getWeights()[0]?.dataSync(),
    );
    mse.model.dispose();
    huber.model.dispose();
  });

  it.each([
    [{ kind: 'huber', delta: 0 } as const, 'model.huber_delta must be a positive number'],
    [{ kind: 'huber', delta: Number.NaN } as const, 'got NaN'],
  ])('refuses Huber loss with delta %j', async (loss, message) => {
    await expect(trainRegression(loss)).rejects.toThrow(message);
  });

  it('refuses a constant target, saying there is nothing to learn', async () => {
    const { tf } = await loadTensorflow();
    const train = { ...data.train, y: new Float64Array(data.train.rows).fill(42) };
    await expect(
      trainNetwork(tf, HEAD_TEST_PARAMS, train, data.validation, undefined, {
        task: 'regression',
        loss: { kind: 'mse' },
      }),
    ).rejects.toThrow(
      'The regression target takes one value (42) on every training row; there is nothing to learn.',
    );
  });
});
