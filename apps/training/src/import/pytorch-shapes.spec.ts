/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import { createFloatTensor, createNode } from '../export/onnx-graph-parts.js';
import type { StepContext } from '../steps/step-context.js';
import { importModel } from './import-model.js';
import { readOnnxModel } from './read-onnx-model.js';
import { createImportContext } from './testing/import-context.js';

const { onnx } = onnxProto;

// A network exported with torch.onnx.export: one float tensor of the numeric features, a
// probability tensor with no class labels in the graph, named as the notebook chose.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-import-torch-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const context = (): StepContext => createImportContext(root, { name: 'torch' });

/** Gemm over [batch, 2] features (tickets: wait_minutes, words), then Softmax or Sigmoid. */
async function writeTorchModel(
  file: string,
  output: string,
  classes: number,
  batch: 'dynamic' | 1 = 'dynamic',
) {
  const activation = classes === 1 ? 'Sigmoid' : 'Softmax';
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'pytorch',
    producerVersion: '2.3.0',
    graph: {
      name: 'main_graph',
      node: [
        createNode('/fc/Gemm', 'Gemm', ['input', 'fc.weight', 'fc.bias'], 'logits'),
        createNode(`/${activation}`, activation, ['logits'], output, classes === 1 ? undefined : 1),
      ],
      initializer: [
        createFloatTensor(
          'fc.weight',
          [2, classes],
          classes === 1 ? [0.0001, -0.05] : [-0.05, 0, 0.05, -0.003, 0, 0.003],
        ),
        createFloatTensor('fc.bias', [classes], classes === 1 ? [-1] : [2, 0, -2]),
      ],
      input: [
        valueInfo('input', [
          batch === 1 ? { dimValue: 1 } : { dimParam: 'batch' },
          { dimValue: 2 },
        ]),
      ],
      output: [valueInfo(output, [{ dimParam: 'batch' }, { dimValue: classes }])],
    },
  });
  await writeFile(file, onnx.ModelProto.encode(proto).finish());
  return file;
}

function valueInfo(name: string, dim: { dimValue?: number; dimParam?: string }[]) {
  return {
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } },
  };
}

/** Imports a tickets network with its three classes named, as `--classes` would. */
function importTickets(
  modelPath: string,
  data: Awaited<ReturnType<typeof writeTickets>>,
  bundleDir: string,
) {
  return importModel(context(), {
    modelPath,
    dataPath: data.csvPath,
    schemaPath: data.schemaPath,
    target: data.target,
    classes: ['low', 'normal', 'urgent'],
    bundleDir,
  });
}

async function writeTickets(options: { complete: boolean }) {
  const data = await writeTaskDataset(join(root, 'tickets'), 'multiclass', { rows: 600, seed: 2 });
  // The network reads the two numbers only; the schema says so.
  const schema = JSON.parse(await readFile(data.schemaPath, 'utf8')) as {
    columns: { name: string; role: string }[];
  };
  for (const column of schema.columns) if (column.name === 'channel') column.role = 'ignore';
  await writeFile(data.schemaPath, JSON.stringify(schema));
  if (!options.complete) return { ...data, rows: 600 };
  // A network has no imputer: the rows it can take have every number.
  const [header = '', ...lines] = (await readFile(data.csvPath, 'utf8')).trim().split('\n');
  const wait = header.split(',').indexOf('wait_minutes');
  const complete = lines.filter((line) => line.split(',')[wait] !== '');
  await writeFile(data.csvPath, `${[header, ...complete].join('\n')}\n`);
  return { ...data, rows: complete.length };
}

describe('a PyTorch-shaped model', () => {
  it("needs --classes, then imports with no rewrite when its output already is the kit's", async () => {
    const data = await writeTickets({ complete: true });
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
    const loans = await writeTaskDataset(join(root, 'loans'), 'binary', { rows: 600, seed: 2 });
    const schema = JSON.parse(await readFile(loans.schemaPath, 'utf8')) as {
      columns: { name: string; role: string }[];
    };
    // Two numeric features in the schema's order, as the network was trained on.
    for (const column of schema.columns)
      if (!['loan_amount', 'years_employed', 'defaulted', 'application_ref'].includes(column.name))
        column.role = 'ignore';
    await writeFile(loans.schemaPath, JSON.stringify(schema));
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
    const data = await writeTickets({ complete: false });
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
    const data = await writeTickets({ complete: true });
    const modelPath = await writeTorchModel(join(root, 'fixed.onnx'), 'probabilities', 3, 1);
    await expect(importTickets(modelPath, data, 'out/fixed')).rejects.toMatchObject({
      code: 'E_IMPORT_INPUT_SHAPE',
      input: 'input',
      message: expect.stringMatching(/fixed batch dimension of 1.*dynamic_axes/),
    });
  });
});
