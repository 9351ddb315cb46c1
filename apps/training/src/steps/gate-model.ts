import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import { decideGate, type GateReport } from '../gate/decide-gate.js';
import { formatGateMarkdown } from '../gate/format-gate.js';
import { GateError } from '../gate/gate-error.js';
import { parseGateParams } from '../gate/gate-params.js';
import { noProductionModel, type ProductionMetricsSource } from '../gate/production-metrics.js';
import { replaceGateSection } from '../report/card/gate-section.js';
import { appendStepSummary } from '../report/step-summary.js';
import type { StepContext } from './step-context.js';

export interface GateModelInput {
  bundleDir: string;
  /** Where the production model's metrics come from. @default no production model */
  against?: ProductionMetricsSource;
}

/** gate.json: the decision, every check, what it was compared with and when. */
export interface GateFile extends GateReport {
  decidedAt: string;
  /** The `gate:` section of params.yaml the decision applied. */
  params: Record<string, unknown>;
  productionSource: string;
}

/**
 * Decides whether the bundle's model may ship: reads its metrics.json, checks the thresholds of
 * params.yaml's `gate:` section and the production model, writes gate.json and the card's gate
 * section. It never throws on a failing gate; the caller decides the exit code from `passed`.
 */
export async function gateModel(ctx: StepContext, input: GateModelInput): Promise<GateFile> {
  const gateParams = parseGateParams(ctx.params.gate);
  const metrics = readMetrics(join(input.bundleDir, BUNDLE_FILES.metrics));
  const source = input.against ?? noProductionModel;
  ctx.log(`gate: production model from ${source.description}`);
  const production = await source.load();
  const report: GateFile = {
    ...decideGate(metrics, gateParams, production),
    decidedAt: new Date().toISOString(),
    params: ctx.params.gate,
    productionSource: source.description,
  };
  writeFileSync(join(input.bundleDir, BUNDLE_FILES.gate), `${JSON.stringify(report, null, 2)}\n`);
  const cardFile = join(input.bundleDir, BUNDLE_FILES.card);
  if (existsSync(cardFile))
    writeFileSync(cardFile, replaceGateSection(readFileSync(cardFile, 'utf8'), report));
  appendStepSummary(`## Quality gate: ${ctx.params.model.name}\n\n${formatGateMarkdown(report)}`);
  for (const reason of report.reasons) ctx.log(`gate: ${reason}`);
  return report;
}

function readMetrics(file: string): Record<string, unknown> {
  if (!existsSync(file)) {
    throw new GateError(
      'E_GATE_METRICS',
      `${file} not found: run \`modelship evaluate --bundle <dir>\` before the gate.`,
      file,
    );
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new GateError(
      'E_GATE_METRICS',
      `${file}: not valid JSON (${(error as Error).message}); re-run \`modelship evaluate\`.`,
      file,
      {
        cause: error,
      },
    );
  }
}
