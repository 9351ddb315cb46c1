/** @jest-environment ../../jest.onnx-environment.js */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { readTaskGateDefaults } from '@modelship/params';
import type { StepContext } from '../steps/step-context.js';
import type { ImportModelOptions } from './import-model.js';
import { importModel, MIN_LABELLED_ROWS } from './import-model.js';
import { createImportContext } from './testing/import-context.js';
import type { NotebookModel, NotebookModelKind } from './testing/notebook-models.js';
import { writeNotebookModel } from './testing/notebook-models.js';

const { onnx } = onnxProto;

// Every input `modelship import` refuses: a clear ImportError naming the file, the input and the
// column, raised before the bundle folder exists.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-import-errors-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function createContext(): StepContext {
  return createImportContext(root, {
    name: 'refused',
    gate: readTaskGateDefaults('binary'),
    params: { registry: { url: 'file:.modelship/registry' } },
  });
}

const models = new Map<string, NotebookModel>();
async function notebookModel(kind: NotebookModelKind, rows?: number): Promise<NotebookModel> {
  const key = `${kind}-${rows ?? ''}`;
  const cached = models.get(key);
  if (cached) return cached;
  const model = await writeNotebookModel(kind, join(root, key), rows === undefined ? {} : { rows });
  models.set(key, model);
  return model;
}

function optionsFor(
  model: NotebookModel,
  extra: Partial<ImportModelOptions> = {},
): ImportModelOptions {
  return {
    modelPath: model.modelPath,
    dataPath: model.dataPath,
    target: model.target,
    schemaPath: model.schemaPath,
    bundleDir: 'out/refused',
    ...extra,
  };
}

async function expectRefusal(
  options: ImportModelOptions,
  expected: Record<string, unknown>,
  message: RegExp,
) {
  await expect(importModel(createContext(), options)).rejects.toMatchObject(expected);
  await expect(importModel(createContext(), options)).rejects.toThrow(message);
  expect(existsSync(join(root, 'out/refused'))).toBe(false);
}

async function editSchema(
  model: NotebookModel,
  edit: (column: { name: string; type: string; role: string }) => void,
) {
  const schema = JSON.parse(await readFile(model.schemaPath, 'utf8')) as {
    columns: { name: string; type: string; role: string }[];
  };
  schema.columns.forEach(edit);
  const file = join(root, `edited-${models.size}-${Date.now()}.schema.json`);
  await writeFile(file, JSON.stringify(schema));
  return file;
}

async function editModel(
  model: NotebookModel,
  edit: (proto: InstanceType<typeof onnx.ModelProto>) => void,
) {
  const proto = onnx.ModelProto.decode(await readFile(model.modelPath));
  edit(proto);
  const file = join(root, `edited-${Date.now()}.onnx`);
  await writeFile(file, onnx.ModelProto.encode(proto).finish());
  return file;
}

describe('importModel refuses', () => {
  it('a model onnxruntime cannot load, naming the operator, the opset and the file', async () => {
    const model = await notebookModel('bad-unknown-operator');
    await expectRefusal(
      optionsFor(model),
      { code: 'E_IMPORT_MODEL_LOAD', file: model.modelPath },
      /RobustScaler.*(opset|domain)/,
    );
    await expect(importModel(createContext(), optionsFor(model))).rejects.toThrow(model.modelPath);
  });

  it('a model input no column matches, naming the input', async () => {
    const model = await notebookModel('bad-unmatched-input');
    await expectRefusal(
      optionsFor(model),
      { code: 'E_IMPORT_INPUT_UNMATCHED', input: expect.stringMatching(/_v2$/) },
      /matches no column of the data/,
    );
  });

  it('a feature column no model input takes, naming the column', async () => {
    const model = await notebookModel('sklearn-pipeline-binary');
    const schemaPath = await editSchema(model, (column) => {
      if (column.role === 'ignore') column.role = 'feature';
    });
    await expectRefusal(
      optionsFor(model, { schemaPath }),
      { code: 'E_IMPORT_COLUMN_UNUSED', column: 'branch_note' },
      /no input of that name/,
    );
  });

  it('an input type the column cannot provide, naming the input and the column', async () => {
    const model = await notebookModel('regressor');
    const schemaPath = await editSchema(model, (column) => {
      if (column.name === 'rooms') column.type = 'number';
    });
    await expectRefusal(
      optionsFor(model, { schemaPath }),
      { code: 'E_IMPORT_INPUT_TYPE', input: 'rooms', column: 'rooms' },
      /input is int64 but the column is number/,
    );
  });

  it('a value an integer input cannot take, naming the sample row and the column', async () => {
    const model = await notebookModel('regressor');
    const lines = (await readFile(model.dataPath, 'utf8')).split('\n');
    const header = (lines[0] ?? '').split(',');
    const rooms = header.indexOf('rooms');
    const cells = (lines[5] ?? '').split(',');
    cells[rooms] = '';
    lines[5] = cells.join(',');
    const dataPath = join(root, 'listings-missing-rooms.csv');
    await writeFile(dataPath, lines.join('\n'));
    await expectRefusal(
      optionsFor(model, { dataPath }),
      { code: 'E_IMPORT_INPUT_TYPE', file: dataPath, input: 'rooms', column: 'rooms' },
      /sample row 5: .*no missing value/,
    );
  });

  it('a second dynamic dimension', async () => {
    const model = await notebookModel('bad-second-dynamic-dim');
    await expectRefusal(
      optionsFor(model, { classes: model.classes ?? [] }),
      { code: 'E_IMPORT_INPUT_SHAPE', input: 'input' },
      /dynamic dimension other than the batch \(n_features\)/,
    );
  });

  it('a fixed batch dimension', async () => {
    const model = await notebookModel('trees-multiclass');
    const modelPath = await editModel(model, (proto) => {
      const dim = proto.graph?.input?.[0]?.type?.tensorType?.shape?.dim?.[0];
      if (dim) Object.assign(dim, { dimParam: '', dimValue: 1 });
    });
    await expectRefusal(
      optionsFor(model, { modelPath, classes: model.classes ?? [] }),
      { code: 'E_IMPORT_INPUT_SHAPE' },
      /fixed batch dimension of 1.*dynamic_axes/,
    );
  });

  it('outputs that do not fit the task: a regressor given a binary target', async () => {
    const model = await notebookModel('bad-regression-for-classifier');
    await expectRefusal(
      optionsFor(model),
      { code: 'E_IMPORT_OUTPUTS' },
      /comes from a regressor \(LinearRegressor\)/,
    );
  });

  it('outputs that do not fit the task: a classifier given a regression task', async () => {
    const model = await notebookModel('trees-multiclass');
    const regression = await notebookModel('regressor');
    // The trees' file with the listings sample: the model answers classes, the task wants numbers.
    await expectRefusal(
      optionsFor(regression, { modelPath: model.modelPath }),
      { code: 'E_IMPORT_OUTPUTS' },
      /a regression task needs a model that answers a number/,
    );
  });

  it('class ids the sample does not use, until --classes names them', async () => {
    const model = await notebookModel('trees-multiclass');
    await expectRefusal(
      optionsFor(model),
      { code: 'E_IMPORT_CLASSES' },
      /label "low", which the model cannot predict \(its classes: 0, 1, 2\)/,
    );
    await expectRefusal(
      optionsFor(model, { classes: ['low', 'normal'] }),
      { code: 'E_IMPORT_CLASSES' },
      /3 columns for 2 classes/,
    );
  });

  it(`a sample of fewer than ${MIN_LABELLED_ROWS} labelled rows`, async () => {
    const model = await notebookModel('sklearn-pipeline-binary', MIN_LABELLED_ROWS - 1);
    await expectRefusal(
      optionsFor(model),
      { code: 'E_IMPORT_TOO_FEW_ROWS', file: model.dataPath },
      new RegExp(`${MIN_LABELLED_ROWS - 1} labelled rows; .* at least ${MIN_LABELLED_ROWS}`),
    );
  });

  it('a file that is not an ONNX model', async () => {
    const model = await notebookModel('sklearn-pipeline-binary');
    await expectRefusal(
      optionsFor(model, { modelPath: model.dataPath }),
      { code: 'E_IMPORT_MODEL_FILE', file: model.dataPath },
      /not an ONNX model/,
    );
  });
});
