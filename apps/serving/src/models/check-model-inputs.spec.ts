import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureSpec } from '@modelship/features';
import { finalizeBundle, readBundleMetadata } from '@modelship/model-bundle';
import { importedBundleDir } from '../../test/imported-fixtures.js';
import { buildRawInputSpec } from '../../test/raw-input-model.js';
import type { RegistryCopy } from '../../test/rollout-fixture.js';
import { ADMIN_AUTH, copyRegistry, exampleRow, readMetric } from '../../test/rollout-fixture.js';
import type { ModelTensorInfo } from '../inference/model-runner.js';
import { checkModelInputs } from './check-model-inputs.js';
import { checkModelOutput } from './check-model-output.js';

const SPEC = buildRawInputSpec(100);

// The inputs the loans stand-in declares, as onnxruntime reads them.
const INPUTS: ModelTensorInfo[] = [
  { name: 'income_k', type: 'float32', shape: ['N', 1] },
  { name: 'loan_amount', type: 'float32', shape: ['N', 1] },
  { name: 'term', type: 'string', shape: ['N', 1] },
  { name: 'purpose', type: 'string', shape: ['N', 1] },
  { name: 'years_employed', type: 'int64', shape: ['N', 1] },
  { name: 'owns_home', type: 'float32', shape: ['N', 1] },
];

const replace = (name: string, input: Partial<ModelTensorInfo> | null) =>
  INPUTS.flatMap((candidate) =>
    candidate.name !== name ? [candidate] : input ? [{ ...candidate, ...input }] : [],
  );

describe('checkModelInputs', () => {
  it('accepts an imported model whose inputs are exactly its bindings, batch dimension symbolic', () => {
    expect(() =>
      checkModelInputs(SPEC, 'model.onnx', { inputWidth: 1, inputs: INPUTS }),
    ).not.toThrow();
    const fixed = INPUTS.map((input) => ({ ...input, shape: [-1, 1] }));
    expect(() =>
      checkModelInputs(SPEC, 'model.onnx', { inputWidth: 1, inputs: fixed }),
    ).not.toThrow();
  });

  it.each<[string, ModelTensorInfo[], string]>([
    [
      'a bound input of another element type',
      replace('years_employed', { type: 'float32' }),
      'input `years_employed` is float32, not int64',
    ],
    ['a bound input the graph lacks', replace('term', null), 'it has no input `term` (it has'],
    [
      'a graph input no column feeds',
      [...INPUTS, { name: 'region', type: 'string', shape: ['N', 1] }],
      'its input `region` is bound to no column',
    ],
    [
      'an input of another width',
      replace('income_k', { shape: ['N', 3] }),
      'input `income_k` has shape [N, 3], not [N, 1]',
    ],
    [
      'an input of rank 3',
      replace('purpose', { shape: ['N', 1, 1] }),
      'input `purpose` has shape [N, 1, 1], not [N, 1]',
    ],
    [
      'an input that is no tensor',
      replace('term', { type: null, shape: null }),
      'input `term` is not a tensor, not string',
    ],
  ])('refuses %s, naming the input', (_title, inputs, problem) => {
    expect(() => checkModelInputs(SPEC, '/b/model.onnx', { inputWidth: 1, inputs })).toThrow(
      expect.objectContaining({
        code: 'E_MODEL_INPUTS',
        message: expect.stringContaining(
          `/b/model.onnx does not take the inputs feature-spec.json binds: ${problem}`,
        ),
      }),
    );
  });

  it('refuses a binding to a column the feature spec does not have', () => {
    const spec: FeatureSpec = {
      ...SPEC,
      modelInputs: [
        ...(SPEC.modelInputs ?? []),
        { name: 'x', elementType: 'float', columns: ['x'] },
      ],
    };
    expect(() => checkModelInputs(spec, 'model.onnx', { inputWidth: 1, inputs: INPUTS })).toThrow(
      'model.onnx: The model input `x` takes column `x`, which the feature spec does not have.',
    );
  });

  it('refuses a trained model as wide as something else than its spec', () => {
    const { modelInputs: _bindings, ...trained } = SPEC;
    expect(() => checkModelInputs(trained, 'm.onnx', { inputWidth: 5, inputs: [] })).toThrow(
      'm.onnx takes 5 features but the feature spec makes 6',
    );
  });
});

describe('checkModelOutput for an imported model', () => {
  const model = { task: 'binary' as const, classes: ['no', 'yes'], imported: true };
  const output = (outputs: ModelTensorInfo[]) => ({
    outputName: outputs[0]?.name ?? '',
    outputWidth: 1,
    outputs,
  });
  const probability = { name: 'probability', type: 'float32', shape: ['N', 1] };

  it('accepts the one float32 output of its task', () => {
    expect(() => checkModelOutput(model, 'model.onnx', output([probability]))).not.toThrow();
  });

  it.each<[string, ModelTensorInfo[], string]>([
    [
      'a second output (the label import did not prune)',
      [probability, { name: 'output_label', type: 'int64', shape: ['N'] }],
      'it has 2 outputs (`probability`, `output_label`), not one',
    ],
    [
      'a double output',
      [{ ...probability, type: 'float64' }],
      'its output is float64, not float32',
    ],
  ])('refuses %s', (_title, outputs, problem) => {
    expect(() => checkModelOutput(model, 'model.onnx', output(outputs))).toThrow(
      `model.onnx cannot serve as a binary model: ${problem}. The bundle is inconsistent; import the model again with \`modelship import\`.`,
    );
  });
});

describe('loading an imported version whose bindings its graph does not take', () => {
  let copy: RegistryCopy;
  let dir: string;
  beforeAll(async () => {
    copy = await copyRegistry('binary');
    dir = await mkdtemp(join(tmpdir(), 'imported-broken-'));
  });
  afterAll(async () => {
    await copy.remove();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses it with the load error naming the input, and the previous version keeps serving', async () => {
    const bundle = join(dir, 'bundle');
    await cp(importedBundleDir('loans'), bundle, { recursive: true });
    const specPath = join(bundle, 'feature-spec.json');
    const spec = JSON.parse(await readFile(specPath, 'utf8')) as FeatureSpec;
    for (const input of spec.modelInputs ?? []) {
      if (input.name === 'years_employed') input.elementType = 'double';
    }
    await writeFile(specPath, JSON.stringify(spec));
    const { files: _files, ...metadata } = await readBundleMetadata(bundle);
    await finalizeBundle(bundle, metadata);
    const server = await copy.startServer();
    const row = exampleRow(server);
    await expect(
      server.ctx.loader.loadDir(bundle, { variant: 'stable', stage: 'none' }),
    ).rejects.toThrow(
      `${bundle}/model.onnx does not take the inputs feature-spec.json binds: input \`years_employed\` is int64, not float64.`,
    );
    const v2 = await copy.registerVersion({ bundle });
    await copy.registry.promote('loans', v2, 'production');
    const reload = await server.http
      .post('/admin/reload')
      .set('Authorization', ADMIN_AUTH)
      .expect(200);
    expect(reload.body).toEqual({ swapped: false, version: '1' });
    expect(await readMetric(server, 'modelship_registry_poll_total{result="refused"}')).toBe(1);
    const answer = await server.http.post('/predict').send(row).expect(200);
    expect(answer.headers['x-model-version']).toBe('1');
  });
});
