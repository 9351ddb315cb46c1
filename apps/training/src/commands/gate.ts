import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PATHS, readEvaluateThreshold, resolveFromRoot } from '@modelship/params';
import { openRegistry } from '@modelship/model-registry';
import { defineCommand } from 'citty';
import { finalizeModelBundle } from '../bundle/finalize-model-bundle.js';
import { readEvaluationInputs, locateEvaluationInputs } from '../evaluate/evaluation-inputs.js';
import type { Holdout } from '../gate/champion-on-holdout.js';
import { createHoldout } from '../gate/champion-on-holdout.js';
import { formatGateTable } from '../gate/format-gate.js';
import {
  createFileMetricsSource,
  type ProductionMetricsSource,
} from '../gate/production-metrics.js';
import { createRegistryMetricsSource } from '../gate/registry-metrics-source.js';
import { gateModel } from '../steps/gate-model.js';
import { selectRegistryUrl } from '../steps/register-model.js';
import { createStepContext, type StepContext } from '../steps/step-context.js';
import { exitOnExpectedError } from './_exit-on-error.js';

// There is deliberately no --skip and no --allow-fail. A gate that a flag can switch off gets
// switched off in CI and forgotten; the override that stays visible is a reviewed change to the
// `gate:` thresholds in params.yaml, which git and `dvc params diff` both record.
export default defineCommand({
  meta: {
    name: 'gate',
    description:
      "Check the bundle's metrics against params.yaml's gate thresholds and the production model; write gate.json; exit 1 when it fails.",
  },
  args: {
    bundle: {
      type: 'string',
      description: `The bundle folder, relative to the workspace root (default ${DEFAULT_PATHS.bundle})`,
    },
    against: {
      type: 'string',
      description:
        "The production model's metrics.json, metadata.json or bundle folder, relative to the workspace root (default: the production version in the model registry)",
    },
    json: { type: 'boolean', description: 'Print gate.json to stdout instead of the table' },
  },
  async run({ args }) {
    try {
      const ctx = createStepContext();
      const bundleDir = resolveFromRoot(ctx.root, args.bundle ?? DEFAULT_PATHS.bundle);
      const against = await selectProductionSource(args.against, ctx, readHoldout(bundleDir, ctx));
      const report = await gateModel(ctx, { bundleDir, against });
      await finalizeModelBundle(ctx, bundleDir);
      process.stdout.write(
        args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatGateTable(report)}\n`,
      );
      if (!report.passed) {
        process.stderr.write(
          'modelship gate: the model did not pass; it must not be registered or deployed.\n',
        );
        process.exit(1);
      }
    } catch (error) {
      exitOnExpectedError('gate', error);
    }
  },
});

// Without --against, the model to beat is the registry's production version of this model.
async function selectProductionSource(
  against: string | undefined,
  ctx: StepContext,
  holdout: Holdout | undefined,
): Promise<ProductionMetricsSource> {
  if (against) return createFileMetricsSource(resolveFromRoot(ctx.root, against));
  const registry = await openRegistry(selectRegistryUrl(ctx), { root: ctx.root });
  return createRegistryMetricsSource(registry, ctx.params.model.name, holdout);
}

// The test split `modelship train` left beside the bundle: production is re-scored on it.
function readHoldout(bundleDir: string, ctx: StepContext): Holdout | undefined {
  const dir = locateEvaluationInputs(bundleDir);
  if (!existsSync(join(dir, 'manifest.json'))) return undefined;
  return createHoldout(readEvaluationInputs(dir), readEvaluateThreshold(ctx.params));
}
