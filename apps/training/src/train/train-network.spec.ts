import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { LoanMatrices } from './testing/prepare-loan-matrices.js';
import { prepareLoanMatrices, TEST_MODEL_PARAMS } from './testing/prepare-loan-matrices.js';
import { loadTensorflow } from './load-tensorflow.js';
import { trainNetwork } from './train-network.js';

let dir: string;
let data: LoanMatrices;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-train-'));
  data = await prepareLoanMatrices(dir, 3_000);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function trainWeights(
  seed: number,
): Promise<{ weights: Float32Array[]; history: unknown[] }> {
  const { tf } = await loadTensorflow();
  const trained = await trainNetwork(
    tf,
    { ...TEST_MODEL_PARAMS, seed },
    data.train,
    data.validation,
  );
  const weights = trained.model.getWeights().map((w) => w.dataSync() as Float32Array);
  trained.model.dispose();
  return { weights, history: trained.history.map(({ seconds: _seconds, ...rest }) => rest) };
}

function isInstalled(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

describe('trainNetwork', () => {
  it('runs on tfjs-node when it is installed, else on the wasm backend, saying why', async () => {
    const { backend, fallbackReason } = await loadTensorflow();
    if (isInstalled('@tensorflow/tfjs-node')) {
      expect([backend, fallbackReason]).toEqual(['tensorflow', null]);
    } else {
      expect(backend).toBe('wasm');
      expect(fallbackReason).toContain('@tensorflow/tfjs-node is not installed');
    }
  });

  it('trains to identical weights twice with the same seed', async () => {
    const first = await trainWeights(7);
    const second = await trainWeights(7);
    expect(second.history).toEqual(first.history);
    expect(second.weights).toEqual(first.weights);
  });

  it('starts from other weights with another seed', async () => {
    const [a, b] = [await trainWeights(7), await trainWeights(8)];
    expect(b.weights[0]).not.toEqual(a.weights[0]);
  });

  it('learns: validation ROC AUC well above chance, best-epoch weights restored', async () => {
    const { tf } = await loadTensorflow();
    const trained = await trainNetwork(
      tf,
      { ...TEST_MODEL_PARAMS, epochs: 6 },
      data.train,
      data.validation,
    );
    const best = trained.history[trained.bestEpoch - 1];
    expect(best?.valRocAuc).toBeGreaterThan(0.7);
    expect(Math.min(...trained.history.map((h) => h.valLoss))).toBe(best?.valLoss);
    trained.model.dispose();
  });

  it('stops early once the validation loss stops improving', async () => {
    const { tf } = await loadTensorflow();
    const trained = await trainNetwork(
      tf,
      { ...TEST_MODEL_PARAMS, learningRate: 0.3, epochs: 40, earlyStoppingPatience: 1 },
      data.train,
      data.validation,
    );
    expect(trained.stoppedEarly).toBe(true);
    expect(trained.epochsRun).toBe(trained.bestEpoch + 1);
    trained.model.dispose();
  });
});
