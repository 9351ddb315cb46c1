/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import type { DatasetSchema } from '@modelship/data-validation';
import { loadSchema, withTargetColumn } from '@modelship/data-validation';
import type { FeatureSpec, RawRow } from '@modelship/features';
import { transformRows } from '@modelship/features';
import { loadTaskDataset } from '../data/load-task-dataset.js';
import { createOnnxFeeds } from '../evaluate/create-onnx-feeds.js';
import type { StepContext } from '../steps/step-context.js';
import { bindModelInputs } from './bind-model-inputs.js';
import { buildImportedSpec } from './build-imported-spec.js';
import { importModel } from './import-model.js';
import { planModelOutputs } from './plan-model-outputs.js';
import { proveRewrite } from './prove-rewrite.js';
import { readOnnxModel } from './read-onnx-model.js';
import { rewriteModelOutputs } from './rewrite-model-outputs.js';
import { createImportContext } from './testing/import-context.js';
import type { NotebookModel } from './testing/notebook-models.js';
import { writeNotebookModel } from './testing/notebook-models.js';

const { onnx } = onnxProto;

// The rewrite to the kit's one output, and the proof that it changes no number.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-rewrite-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function createContext(): StepContext {
  return createImportContext(root, { name: 'rewritten' });
}

async function readSample(model: NotebookModel) {
  const schema = withTargetColumn(await loadSchema(model.schemaPath), model.target);
  return { schema, rows: (await loadTaskDataset(model.dataPath, schema, model.task)).rows };
}

async function runBundle(bundleDir: string, rows: readonly RawRow[]) {
  const spec = JSON.parse(
    await readFile(join(bundleDir, 'feature-spec.json'), 'utf8'),
  ) as FeatureSpec;
  const session = await ort.InferenceSession.create(join(bundleDir, 'model.onnx'));
  const matrix = transformRows(spec, rows);
  const results = await session.run(
    await createOnnxFeeds(
      spec,
      { rows: matrix.rows, columns: matrix.width, values: matrix.data },
      '',
    ),
  );
  const output = results[session.outputNames[0] ?? ''] as ort.Tensor;
  await session.release();
  return { names: session.outputNames, output };
}

describe('rewriting a model to the kit output', () => {
  it("drops scikit-learn's ZipMap and answers the fitter's own positive probability", async () => {
    const model = await writeNotebookModel('sklearn-pipeline-binary', join(root, 'binary'));
    const imported = await importModel(createContext(), {
      modelPath: model.modelPath,
      dataPath: model.dataPath,
      target: model.target,
      schemaPath: model.schemaPath,
      bundleDir: 'out/binary',
    });
    const bundle = readOnnxModel(join(imported.bundleDir, 'model.onnx'));
    expect(bundle.outputs).toEqual([
      { name: 'probability', type: { kind: 'tensor', elementType: 'float', shape: ['N', 1] } },
    ]);
    expect(bundle.proto.graph?.node?.some((node) => node.opType === 'ZipMap')).toBe(false);
    expect(imported.result.imported?.rewrites[0]).toMatch(
      /^removed ZipMap .* exposed the probability tensor/,
    );
    expect(imported.result.model).toMatchObject({
      type: 'imported',
      proof: [expect.stringMatching(/"output_label": all 2000 rows equal/)],
    });

    const { rows } = await readSample(model);
    const { output } = await runBundle(imported.bundleDir, rows);
    expect(output.dims).toEqual([rows.length, 1]);
    const positive = (model.classes ?? []).indexOf(model.positive ?? '');
    const expected = model.predict(rows);
    const width = model.classes?.length ?? 2;
    const data = output.data as Float32Array;
    for (let r = 0; r < rows.length; r++)
      expect(data[r]).toBeCloseTo(expected[r * width + positive] as number, 5);
  });

  it('reorders the classes to the vocabulary and proves every probability equal to the bit', async () => {
    const model = await writeNotebookModel('trees-multiclass', join(root, 'trees'));
    const { schema, rows } = await readSample(model);
    const description = readOnnxModel(model.modelPath);
    const plan = planModelOutputs(description, 'multiclass');
    // The model's classes named in another order than the sorted vocabulary: the rewrite must Gather.
    const modelLabels = ['urgent', 'low', 'normal'];
    const classes = ['low', 'normal', 'urgent'];
    const columns = [1, 2, 0];
    const { bytes, rewrites } = rewriteModelOutputs(description, plan, {
      columns,
      classes,
      modelLabels,
    });
    expect(rewrites).toContain(
      'reordered the class columns of "probabilities" from the model\'s order (urgent, low, normal) to the vocabulary\'s (low, normal, urgent)',
    );
    const original = await ort.InferenceSession.create(model.modelPath);
    const spec = readSpecFor(model, schema, rows);
    const feeds = await createOnnxFeeds(spec, toMatrix(spec, rows), '');
    const proof = await proveRewrite({
      file: model.modelPath,
      plan,
      classes,
      columns,
      labelTexts: new Map(modelLabels.map((name, i) => [name, String(i)])),
      original,
      rewritten: bytes,
      features: toMatrix(spec, rows),
      spec,
      // In batches that do not divide the sample: the last one is short.
      batchRows: 7,
    });
    expect(proof.checks).toEqual([
      `"probabilities": all ${rows.length} rows equal to the bit (as float32)`,
      expect.stringMatching(/^"label": all \d+ rows equal the argmax decision/),
    ]);
    // The columns, reordered, over every batch. onnxruntime sums a tree ensemble in an order that
    // depends on the batch size, so the whole sample at once may differ in the last bit: the
    // proof compares each batch with the original on the same batch.
    const originalOut = (await original.run(feeds, ['probabilities']))['probabilities']
      ?.data as Float32Array;
    for (let r = 0; r < rows.length; r++)
      for (let j = 0; j < 3; j++)
        expect(proof.outputs[r * 3 + j]).toBeCloseTo(
          originalOut[r * 3 + (columns[j] as number)] as number,
          6,
        );
  });

  it('refuses a rewrite whose answers disagree with the original, naming the row', async () => {
    const model = await writeNotebookModel('sklearn-pipeline-binary', join(root, 'wrong'));
    const { schema, rows } = await readSample(model);
    const description = readOnnxModel(model.modelPath);
    const plan = planModelOutputs(description, 'binary');
    const classes = model.classes ?? [];
    // The negative class's column taken as the positive one: every decision flips.
    const { bytes } = rewriteModelOutputs(description, plan, {
      columns: [0],
      classes,
      modelLabels: classes,
    });
    const spec = readSpecFor(model, schema, rows);
    await expect(
      proveRewrite({
        file: model.modelPath,
        plan,
        classes,
        columns: [0],
        labelTexts: new Map(classes.map((name) => [name, name])),
        original: await ort.InferenceSession.create(model.modelPath),
        rewritten: bytes,
        features: toMatrix(spec, rows),
        spec,
      }),
    ).rejects.toMatchObject({
      code: 'E_IMPORT_REWRITE',
      message: expect.stringMatching(
        /disagrees with the original on sample row 1: the original's label "output_label" is/,
      ),
    });
  });

  it('casts a double regression value to float32 and reshapes it to [N, 1]', async () => {
    const model = await writeNotebookModel('regressor', join(root, 'regressor'));
    const proto = onnx.ModelProto.decode(await readFile(model.modelPath));
    const imported = await importModel(createContext(), {
      modelPath: model.modelPath,
      dataPath: model.dataPath,
      target: model.target,
      schemaPath: model.schemaPath,
      bundleDir: 'out/regressor',
    });
    const declared =
      proto.graph?.output?.[0]?.type?.tensorType?.elemType === onnx.TensorProto.DataType.DOUBLE;
    expect(
      imported.result.imported?.rewrites.some((line) => line === 'cast double to float32'),
    ).toBe(declared);
    const { rows } = await readSample(model);
    const { output } = await runBundle(imported.bundleDir, rows);
    expect(output.dims).toEqual([rows.length, 1]);
    const expected = model.predict(rows);
    const data = output.data as Float32Array;
    for (let r = 0; r < rows.length; r++)
      expect(Math.abs((data[r] as number) - (expected[r] as number))).toBeLessThan(
        Math.abs(expected[r] as number) * 1e-5 + 1e-3,
      );
  });
});

// --- helpers ---

// The spec import builds for the model and its sample (the binding has its own tests).
function readSpecFor(
  model: NotebookModel,
  schema: DatasetSchema,
  rows: readonly RawRow[],
): FeatureSpec {
  const description = readOnnxModel(model.modelPath);
  return buildImportedSpec(
    schema,
    bindModelInputs(description, schema, { schemaInferred: false }),
    rows,
    description,
  );
}

function toMatrix(spec: FeatureSpec, rows: readonly RawRow[]) {
  const matrix = transformRows(spec, rows);
  return { rows: matrix.rows, columns: matrix.width, values: matrix.data };
}
