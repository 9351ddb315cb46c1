import type { ValidationReport } from '@modelship/data-validation';
import { loadSchema, validateDataset, writeValidationReport } from '@modelship/data-validation';
import { DEFAULT_PATHS, resolveFromRoot } from '@modelship/params';
import type { StepContext } from './step-context.js';

/** Where a validation run reads from and writes to, resolved against the workspace root. */
export interface ValidateDataPaths {
  data: string;
  schema: string;
  reportDir: string;
}

export function resolveValidatePaths(
  ctx: StepContext,
  overrides: Partial<ValidateDataPaths> = {},
): ValidateDataPaths {
  const { params, root } = ctx;
  return {
    data: resolveFromRoot(root, overrides.data ?? params.data.path),
    schema: resolveFromRoot(root, overrides.schema ?? params.data.schema),
    reportDir: resolveFromRoot(
      root,
      overrides.reportDir ?? params.validation?.report_dir ?? DEFAULT_PATHS.validationReports,
    ),
  };
}

/** The report as a compact table, one line per check; failing checks show their message. */
export function formatValidationTable(report: ValidationReport): string[] {
  const rows = report.checks.map((check) => [
    check.passed ? 'ok  ' : 'FAIL',
    check.rule,
    check.column ?? '(dataset)',
    check.passed ? '' : check.message,
  ]);
  const widths = [4, ...[1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)))];
  return rows.map((row) =>
    row
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * The pipeline's validate step: checks `params.data.path` against `params.data.schema`, writes
 * validation.json and validation.md to `params.validation.report_dir` (and the GitHub job
 * summary), and logs a summary. Returns the report; the caller decides whether a failure stops
 * the pipeline (`report.passed`).
 * @throws CsvError for an unreadable CSV, SchemaError for a broken schema file.
 */
export async function validateData(
  ctx: StepContext,
  overrides: Partial<ValidateDataPaths> = {},
): Promise<ValidationReport> {
  const paths = resolveValidatePaths(ctx, overrides);
  const schema = await loadSchema(paths.schema);
  const report = await validateDataset(paths.data, schema, {
    maxExamples: ctx.params.validation?.max_examples ?? 5,
  });
  const written = await writeValidationReport(report, paths.reportDir);
  const { summary } = report;
  const throughput = Math.round(report.dataset.rows / Math.max(report.durationMs / 1000, 1e-3));
  ctx.log(
    `validate: ${summary.passed}/${summary.checks} checks passed on ${report.dataset.rows} rows (${throughput} rows/s)`,
  );
  for (const line of formatValidationTable(report)) ctx.log(`  ${line}`);
  ctx.log(`validate: report in ${written.markdown}`);
  return report;
}
