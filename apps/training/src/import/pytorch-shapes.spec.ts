/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StepContext } from '../steps/step-context.js';
import { importModel } from './import-model.js';
import { readOnnxModel } from './read-onnx-model.js';
import { createImportContext } from './testing/import-context.js';
import type { TicketsSample } from './testing/torch-models.js';
import { writeLoanNumbers, writeTickets, writeTorchModel } from './testing/torch-models.js';

// A network exported with torch.onnx.export: one float tensor of the numeric features, a
// probability tensor with no class labels in the graph, named as the notebook chose.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-import-torch-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const context = (): StepContext => createImportContext(root, { name: 'torch' });

/** Imports a tickets network with its three classes named, as `--classes` would. */
function importTickets(modelPath: string, data: TicketsSample, bundleDir: string) {
  return importModel(context(), {
    modelPath,
    dataPath: data.csvPath,
    schemaPath: data.schemaPath,
    target: data.target,
    classes: ['low', 'normal', 'urgent'],
    bundleDir,
  });
}

describe('a PyTorch-shaped model', () => {
  it("needs --classes, then imports with no rewrite when its output already is the kit's", async () => {
    const data = await writeTickets(root, { complete: true });
    const modelPath = await writeTorchModel(join(root, 'softmax.onnx'), 'probabilities', 3);
    const options = {
      modelPath,
      dataPath: data.csvPath,
      schemaPath: data.schemaPath,
      target: data.target,
      bundleDir: 'out/softmax',
    };
    await expect(importModel(context(), options)).rejects.toMatchObject({
      code: 'E_IMPORT_CLASSES',
      message: expect.stringMatching(
        /"probabilities" has 3 columns and the graph does not name their classes.*pass --classes/,
      ),
    });
    const imported = await importModel(context(), {
      ...options,
      classes: ['low', 'normal', 'urgent'],
    });
    expect(imported.result.imported?.rewrites).toEqual([]);
    expect(imported.result.model).toMatchObject({
      type: 'imported',
      producer: 'pytorch 2.3.0',
      proof: [`"probabilities": all ${data.rows} rows equal to the bit (as float32)`],
    });
    expect(imported.featureSpec.modelInputs).toEqual([
      { name: 'input', elementType: 'float', columns: ['wait_minutes', 'words'] },
    ]);
  });

  it("names its output the kit's, and reads a sigmoid as the positive class's probability", async () => {
    const loans = await writeLoanNumbers(root);
    const modelPath = await writeTorchModel(join(root, 'sigmoid.onnx'), 'output_0', 1);
    const imported = await importModel(context(), {
      modelPath,
      dataPath: loans.csvPath,
      schemaPath: loans.schemaPath,
      target: loans.target,
      bundleDir: 'out/sigmoid',
    });
    expect(imported.result.imported?.rewrites).toEqual([
      'named "output_0" "probability"',
      'replaced the outputs "output_0" by "probability" float32 [N, 1]',
    ]);
    expect(
      readOnnxModel(join(imported.bundleDir, 'model.onnx')).outputs.map((o) => o.name),
    ).toEqual(['probability']);
    expect(imported.result.target).toEqual({
      column: 'defaulted',
      positive: 'yes',
      negative: 'no',
    });
  });

  it('is refused when it answers NaN for a row of the sample, naming the row and its missing column', async () => {
    const data = await writeTickets(root, { complete: false });
    const modelPath = await writeTorchModel(join(root, 'softmax.onnx'), 'probabilities', 3);
    const lines = (await readFile(data.csvPath, 'utf8')).split('\n');
    const wait = (lines[0] ?? '').split(',').indexOf('wait_minutes');
    const first = lines.findIndex((line, i) => i > 0 && line.split(',')[wait] === '');
    await expect(importTickets(modelPath, data, 'out/nan')).rejects.toMatchObject({
      code: 'E_IMPORT_NOT_A_NUMBER',
      column: 'wait_minutes',
      message: expect.stringContaining(
        `the model answers NaN for sample row ${first}, whose wait_minutes is missing`,
      ),
    });
  });

  it('is refused when exported without a dynamic batch axis', async () => {
    const data = await writeTickets(root, { complete: true });
    const modelPath = await writeTorchModel(join(root, 'fixed.onnx'), 'probabilities', 3, {
      batch: 1,
    });
    await expect(importTickets(modelPath, data, 'out/fixed')).rejects.toMatchObject({
      code: 'E_IMPORT_INPUT_SHAPE',
      input: 'input',
      message: expect.stringMatching(/fixed batch dimension of 1.*dynamic_axes/),
    });
  });
});
