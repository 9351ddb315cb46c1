import type { CheckResult, ValidationReport } from '../validate/validation-report.js';

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function renderExamples(check: CheckResult): string[] {
  if (check.examples.length === 0) return [];
  return [
    '',
    `**${check.rule}${check.column ? ` · ${check.column}` : ''}**: ${escape(check.message)}`,
    '',
    '| line | column | value |',
    '| ---: | --- | --- |',
    ...check.examples.map(
      (example) =>
        `| ${example.line} | ${example.column ?? ''} | \`${escape(example.value) || '(empty)'}\` |`,
    ),
  ];
}

/** The validation report as GitHub-flavoured Markdown: a verdict, every check, offending rows. */
export function renderValidationMarkdown(report: ValidationReport): string {
  const { dataset, summary } = report;
  const verdict = report.passed ? '✅ passed' : '❌ failed';
  const failed = report.checks.filter((check) => !check.passed);
  return [
    `## Data validation ${verdict}: ${dataset.schema}`,
    '',
    `\`${dataset.file}\`: ${dataset.rows} rows, ${dataset.columns} columns; ${summary.passed} of ${summary.checks} checks passed in ${report.durationMs} ms.`,
    '',
    '| | check | column | checked | failures | result |',
    '| --- | --- | --- | ---: | ---: | --- |',
    ...report.checks.map(
      (check) =>
        `| ${check.passed ? '✅' : '❌'} | ${check.rule}: ${escape(check.description)} | ${check.column ?? ''} | ${check.checked} | ${check.failures} | ${escape(check.message)} |`,
    ),
    ...(failed.length > 0 ? ['', '### Offending rows', ...failed.flatMap(renderExamples)] : []),
    '',
  ].join('\n');
}
