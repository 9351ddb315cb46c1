import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { predictWithOnnx } from './predict-with-onnx.js';

const { onnx } = onnxProto;

// sigmoid(x0 - x1): a one-layer logistic model with the exporter's input/output layout.
function buildLogisticOnnx(): Uint8Array {
  const tensor = (name: string, dims: number[], floatData: number[]) =>
    onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData });
  const valueInfo = (name: string, width: number) => ({
    name,
    type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] } } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'logistic',
      node: [
        { opType: 'Gemm', input: ['features', 'w', 'b'], output: ['z'] },
        { opType: 'Sigmoid', input: ['z'], output: ['probability'] },
      ],
      initializer: [tensor('w', [2, 1], [1, -1]), tensor('b', [1], [0])],
      input: [valueInfo('features', 2)],
      output: [valueInfo('probability', 1)],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

describe('predictWithOnnx', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'onnx-predict-'));
    writeFileSync(join(dir, 'model.onnx'), buildLogisticOnnx());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // onnxruntime-node builds its output tensors with Node's own Float32Array, which fails the
  // instanceof check inside Jest's VM sandbox, so the real call runs in a plain Node process.
  it('returns one positive-class probability per row', () => {
    const script = `
      import { predictWithOnnx } from ${JSON.stringify(join(import.meta.dirname, 'predict-with-onnx.ts'))};
      const features = { rows: 3, columns: 2, values: [0, 0, 2, 0, 0, 3] };
      const p = await predictWithOnnx(${JSON.stringify(join(dir, 'model.onnx'))}, features);
      process.stdout.write(JSON.stringify(Array.from(p)));`;
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(output)).toEqual([
      0.5,
      expect.closeTo(1 / (1 + Math.exp(-2)), 6),
      expect.closeTo(1 / (1 + Math.exp(3)), 6),
    ]);
  });

  it('says to train first when the model is missing', async () => {
    await expect(
      predictWithOnnx(join(dir, 'missing.onnx'), { rows: 0, columns: 2, values: [] }),
    ).rejects.toMatchObject({
      code: 'E_EVAL_MODEL',
    });
  });
});
