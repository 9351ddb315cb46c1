/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { StepContext } from '../steps/step-context.js';
import { importModel } from './import-model.js';
import { createImportContext } from './testing/import-context.js';
import { writeNotebookModel } from './testing/notebook-models.js';
import { writeLoanNumbers, writeTickets, writeTorchModel } from './testing/torch-models.js';

// A network exported without its last activation answers logits: served as they are, they would
// be wrong "probabilities". import refuses them, or with --logits appends the activation and
// proves it against the original's logits.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-import-logits-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const context = (): StepContext => createImportContext(root, { name: 'logits' });
const CLASSES = ['low', 'normal', 'urgent'];

async function runModel(file: string, rows: number[][]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(file);
  try {
    const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, 2]);
    const output = await session.run({ input });
    return output[session.outputNames[0] ?? ''].data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('a classifier that answers logits', () => {
  it('is refused without --logits, naming the output, the row and the value', async () => {
    const data = await writeTickets(root, { complete: true });
    const modelPath = await writeTorchModel(join(root, 'logits3.onnx'), 'scores', 3, {
      activation: false,
    });
    await expect(
      importModel(context(), {
        modelPath,
        dataPath: data.csvPath,
        schemaPath: data.schemaPath,
        target: data.target,
        classes: CLASSES,
        bundleDir: 'out/refused',
      }),
    ).rejects.toMatchObject({
      code: 'E_IMPORT_OUTPUTS',
      message: expect.stringMatching(
        /output "scores" is not probabilities: for sample row 1 .*(outside \[0, 1\]|sum to).*--logits/,
      ),
    });
  });

  it('with --logits gets a Softmax over its classes, proved against the original logits', async () => {
    const data = await writeTickets(root, { complete: true });
    const modelPath = await writeTorchModel(join(root, 'logits3.onnx'), 'scores', 3, {
      activation: false,
    });
    const imported = await importModel(context(), {
      modelPath,
      dataPath: data.csvPath,
      schemaPath: data.schemaPath,
      target: data.target,
      classes: CLASSES,
      logits: true,
      bundleDir: 'out/softmax',
    });
    expect(imported.result.imported?.rewrites).toContain(
      'applied Softmax over the classes to the logits "scores" (--logits)',
    );
    expect(imported.result.model).toMatchObject({
      proof: [`"scores": all ${data.rows} rows equal its Softmax within 0.000002`],
    });
    // The bundle's model answers the softmax of what the notebook's network answers.
    const rows = [
      [0, 0],
      [45, 120],
      [300, 7],
    ];
    const logits = await runModel(modelPath, rows);
    const probabilities = await runModel(join(imported.bundleDir, 'model.onnx'), rows);
    rows.forEach((_, r) => {
      const row = Array.from(logits.subarray(r * 3, r * 3 + 3));
      const total = row.reduce((sum, value) => sum + Math.exp(value), 0);
      row.forEach((value, j) =>
        expect(probabilities[r * 3 + j]).toBeCloseTo(Math.exp(value) / total, 6),
      );
    });
  });

  it("with --logits gets a Sigmoid on a binary network's one logit", async () => {
    const loans = await writeLoanNumbers(root);
    const modelPath = await writeTorchModel(join(root, 'logit1.onnx'), 'logit', 1, {
      activation: false,
    });
    const options = {
      modelPath,
      dataPath: loans.csvPath,
      schemaPath: loans.schemaPath,
      target: loans.target,
      bundleDir: 'out/sigmoid',
    };
    await expect(importModel(context(), options)).rejects.toMatchObject({
      code: 'E_IMPORT_OUTPUTS',
      message: expect.stringContaining('outside [0, 1]'),
    });
    const imported = await importModel(context(), { ...options, logits: true });
    expect(imported.result.imported?.rewrites).toContain(
      'applied Sigmoid to the logits "logit" (--logits)',
    );
    const [logit] = await runModel(modelPath, [[20_000, 3]]);
    const [probability] = await runModel(join(imported.bundleDir, 'model.onnx'), [[20_000, 3]]);
    expect(probability).toBeCloseTo(1 / (1 + Math.exp(-(logit as number))), 6);
  });

  it('refuses --logits for a model that already answers probabilities, and for a regressor', async () => {
    const data = await writeTickets(root, { complete: true });
    const modelPath = await writeTorchModel(join(root, 'softmax.onnx'), 'probabilities', 3);
    await expect(
      importModel(context(), {
        modelPath,
        dataPath: data.csvPath,
        schemaPath: data.schemaPath,
        target: data.target,
        classes: CLASSES,
        logits: true,
        bundleDir: 'out/twice',
      }),
    ).rejects.toMatchObject({
      code: 'E_IMPORT_OUTPUTS',
      message: expect.stringContaining('already is probabilities'),
    });
    const regressor = await writeNotebookModel('regressor', join(root, 'regressor'));
    await expect(
      importModel(context(), {
        modelPath: regressor.modelPath,
        dataPath: regressor.dataPath,
        schemaPath: regressor.schemaPath,
        target: regressor.target,
        logits: true,
        bundleDir: 'out/regressor',
      }),
    ).rejects.toMatchObject({
      code: 'E_IMPORT_OUTPUTS',
      message: expect.stringContaining('this is a regression task'),
    });
  });
});
