/** @jest-environment ../../jest.onnx-environment.js */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import type { FeatureSpec } from '@modelship/features';
import type { BundleMetadata } from '@modelship/model-bundle';
import { verifyBundle } from '@modelship/model-bundle';
import { readTaskGateDefaults } from '@modelship/params';
import { defineImportSteps } from '../steps/import-model-steps.js';
import { importModel } from './import-model.js';
import { runQuickStart } from '../steps/start.js';
import type { StepContext } from '../steps/step-context.js';
import { createImportContext } from './testing/import-context.js';
import type { NotebookModelKind } from './testing/notebook-models.js';
import { writeNotebookModel } from './testing/notebook-models.js';

// Each notebook model kind imported, evaluated, gated and registered in a file: registry.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-import-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function createContext(task: Task, name: string, lines: string[]): StepContext {
  return createImportContext(root, {
    name,
    // The loans' noise caps any model near ROC AUC 0.7 (the kit's logistic baseline included).
    gate:
      task === 'binary'
        ? { min_roc_auc: 0.65, metric: 'roc_auc', margin: 0.002 }
        : readTaskGateDefaults(task),
    params: {
      task: 'binary',
      drift: { bins: 10 },
      evaluate: { threshold: 0.5 },
      registry: { url: `file:.modelship/registry-${name}` },
    },
    log: (line) => lines.push(line),
  });
}

async function importKind(kind: NotebookModelKind) {
  const model = await writeNotebookModel(kind, join(root, kind));
  const lines: string[] = [];
  const ctx = createContext(model.task, kind, lines);
  const bundleDir = `out/${kind}/bundle`;
  const outcomes = await runQuickStart(
    ctx,
    defineImportSteps({
      modelPath: model.modelPath,
      dataPath: model.dataPath,
      target: model.target,
      schemaPath: model.schemaPath,
      // LightGBM's int64 class ids name no class of the sample: --classes maps them.
      ...(kind === 'trees-multiclass' ? { classes: model.classes ?? [] } : {}),
      bundleDir,
      register: true,
    }),
  );
  const dir = join(root, bundleDir);
  const metadata = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')) as BundleMetadata;
  const evaluation = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as {
    baseline?: Record<string, Record<string, number>>;
  };
  return { model, outcomes, lines, dir, metadata, evaluation };
}

describe.each<[NotebookModelKind, string, number]>([
  ['sklearn-pipeline-binary', 'roc_auc', 0.65],
  ['trees-multiclass', 'macro_f1', 0.6],
  ['regressor', 'r2', 0.8],
])('importing %s', (kind, metric, floor) => {
  let run: Awaited<ReturnType<typeof importKind>>;
  beforeAll(async () => {
    run = await importKind(kind);
  }, 120_000);

  it('runs import, evaluate, gate and register', () => {
    expect(run.outcomes.map((o) => [o.name, o.ok, o.ok ? '' : o.line])).toEqual([
      ['import', true, ''],
      ['evaluate', true, ''],
      ['gate', true, ''],
      ['register', true, ''],
    ]);
    expect(run.outcomes[3]?.line).toMatch(new RegExp(`^${kind} v1`));
  });

  it(`measures a good model (${metric} above ${floor}, as good as the kit's linear baseline)`, () => {
    const { metrics } = run.metadata;
    expect(metrics[metric]).toBeGreaterThan(floor);
    const baseline = Object.entries(metrics).find(
      ([key]) =>
        /^baseline_(logistic|multinomial|ridge).*_/.test(key) && key.endsWith(`_${metric}`),
    );
    const linear =
      baseline?.[1] ?? (run.evaluation.baseline?.logistic_regression?.[metric] as number);
    expect(metrics[metric]).toBeGreaterThan(linear - 0.03);
  });

  it("writes reference statistics of the training split with the model's predictions", async () => {
    const stats = JSON.parse(await readFile(join(run.dir, 'reference-stats.json'), 'utf8')) as {
      columns?: unknown;
      prediction?: { count?: number };
    } & Record<string, unknown>;
    expect(stats.prediction).toBeDefined();
    expect(JSON.stringify(stats)).toContain(
      run.model.task === 'regression'
        ? 'area_m2'
        : run.model.task === 'binary'
          ? 'income_k'
          : 'wait_minutes',
    );
  });

  it('records where the model came from and the sample it was measured on', async () => {
    const { imported, data } = run.metadata;
    expect(imported?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(imported?.producer).toEqual(run.model.producer);
    expect(data.path).toBe(run.model.dataPath);
    expect(data.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(existsSync(join(run.dir, 'tfjs'))).toBe(false);
    await expect(verifyBundle(run.dir)).resolves.toBeDefined();
    const card = await readFile(join(run.dir, 'card.md'), 'utf8');
    expect(card).toContain('| Imported model |');
    expect(card).toContain('## Import');
    expect(card).toContain(`| Source | \`${run.model.modelPath}\` |`);
    expect(card).toContain(
      `| Producer | ${run.model.producer.name} ${run.model.producer.version} |`,
    );
    expect(card).toMatch(/\| Proof \(2,000 rows\) \| .*equal/);
    expect(card).toContain(
      `npx modelship import ${run.model.modelPath} --data ${run.model.dataPath} --target ${run.model.target}`,
    );
    expect(card).not.toContain('npx modelship train');
  });
});

describe('importing with what the sample alone tells', () => {
  it('infers the schema, leaves out the columns a tree model takes no input for and reads its text labels', async () => {
    const model = await writeNotebookModel('trees-multiclass', join(root, 'trees-text'), {
      labels: 'string',
    });
    const lines: string[] = [];
    const ctx = createContext('multiclass', 'tickets', lines);
    const outcomes = await runQuickStart(
      ctx,
      defineImportSteps({
        modelPath: model.modelPath,
        dataPath: model.dataPath,
        target: model.target,
        bundleDir: 'out/trees-text',
      }),
    );
    expect(outcomes.map((o) => `${o.name} ${o.ok}`)).toEqual(['import true', 'evaluate true']);
    expect(lines).toContain(
      'import: the model takes no input for channel, agent_note; left out as "ignore"',
    );
    const metadata = JSON.parse(
      readFileSync(join(root, 'out/trees-text/metadata.json'), 'utf8'),
    ) as BundleMetadata;
    expect(metadata.target).toEqual({ column: 'priority', classes: ['low', 'normal', 'urgent'] });
    expect(metadata.metrics['macro_f1']).toBeGreaterThan(0.6);
    const spec = JSON.parse(
      readFileSync(join(root, 'out/trees-text/feature-spec.json'), 'utf8'),
    ) as FeatureSpec;
    expect(spec.modelInputs).toEqual([
      { name: 'input', elementType: 'float', columns: ['wait_minutes', 'words'] },
    ]);
  }, 120_000);

  it('answers the probability of the class --positive names', async () => {
    const model = await writeNotebookModel('sklearn-pipeline-binary', join(root, 'positive'));
    const options = { modelPath: model.modelPath, dataPath: model.dataPath, target: model.target };
    const ctx = createContext('binary', 'loans', []);
    const yes = await importModel(ctx, { ...options, bundleDir: 'out/positive-default' });
    const no = await importModel(ctx, { ...options, bundleDir: 'out/positive-no', positive: 'no' });
    expect(yes.result.target).toEqual({ column: 'defaulted', positive: 'yes', negative: 'no' });
    expect(no.result.target).toEqual({ column: 'defaulted', positive: 'no', negative: 'yes' });
    expect(no.result.imported?.rewrites).toContain(
      'kept column 0 of "probability_tensor" (class "no", the positive one) as [N, 1]',
    );
    // The same model read from the other class: on the same rows, the probabilities complement.
    const rows = yes.test.rows;
    const [p, q] = [await yes.predict(rows), await no.predict(rows)];
    for (let i = 0; i < rows.length; i++)
      expect((p[i] as number) + (q[i] as number)).toBeCloseTo(1, 6);
  }, 120_000);

  it("maps a pipeline with int64 class ids (ZipMap keyed by 0 and 1) to the sample's labels with --classes", async () => {
    const model = await writeNotebookModel('sklearn-pipeline-binary', join(root, 'int64'), {
      labels: 'int64',
    });
    const options = {
      modelPath: model.modelPath,
      dataPath: model.dataPath,
      target: model.target,
      schemaPath: model.schemaPath,
    };
    const ctx = createContext('binary', 'loans', []);
    await expect(
      importModel(ctx, { ...options, bundleDir: 'out/int64-refused' }),
    ).rejects.toMatchObject({
      code: 'E_IMPORT_CLASSES',
      message: expect.stringMatching(
        /label "no", which the model cannot predict \(its classes: 0, 1\)/,
      ),
    });
    const imported = await importModel(ctx, {
      ...options,
      classes: model.classes ?? [],
      bundleDir: 'out/int64',
    });
    // The proof compared the model's own int64 labels with the rewritten decisions, through --classes.
    expect(imported.result.model).toMatchObject({
      proof: [
        expect.stringMatching(
          /^"output_label": all 2000 rows equal the positive probability > 0\.5 decision/,
        ),
      ],
    });
    const expected = model.predict(imported.test.rows);
    const answers = await imported.predict(imported.test.rows);
    const positive = (model.classes ?? []).indexOf(model.positive ?? '');
    for (let i = 0; i < answers.length; i++)
      expect(answers[i]).toBeCloseTo(expected[i * 2 + positive] as number, 5);
  }, 120_000);
});
