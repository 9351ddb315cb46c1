import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createTempDir } from '../../test/temp-files.js';
import type { ValidationReport } from '../validate/validation-report.js';
import { renderValidationMarkdown } from './render-validation-markdown.js';
import { writeValidationReport } from './write-validation-report.js';

const temp = createTempDir();
afterAll(temp.cleanup);

const report: ValidationReport = {
  reportVersion: 1,
  passed: false,
  dataset: { file: 'data/x.csv', schema: 'x', rows: 3, columns: 2 },
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 12,
  summary: { checks: 2, passed: 1, failed: 1 },
  checks: [
    {
      rule: 'type',
      column: 'age',
      description: 'values are integer',
      passed: true,
      checked: 3,
      failures: 0,
      message: 'ok',
      examples: [],
    },
    {
      rule: 'range',
      column: 'fee',
      description: 'values within [0, 10]',
      passed: false,
      checked: 3,
      failures: 1,
      message: '1 values outside [0, 10]',
      examples: [{ line: 3, column: 'fee', value: '1|2' }],
    },
  ],
};

describe('writeValidationReport', () => {
  it('renders every check and the offending rows as Markdown', () => {
    expect(renderValidationMarkdown(report)).toMatchInlineSnapshot(`
      "## Data validation ❌ failed: x

      \`data/x.csv\`: 3 rows, 2 columns; 1 of 2 checks passed in 12 ms.

      | | check | column | checked | failures | result |
      | --- | --- | --- | ---: | ---: | --- |
      | ✅ | type: values are integer | age | 3 | 0 | ok |
      | ❌ | range: values within [0, 10] | fee | 3 | 1 | 1 values outside [0, 10] |

      ### Offending rows

      **range · fee**: 1 values outside [0, 10]

      | line | column | value |
      | ---: | --- | --- |
      | 3 | fee | \`1\\|2\` |
      "
    `);
  });

  it('writes validation.json and validation.md and appends to the GitHub job summary', async () => {
    const summary = temp.write('summary.md', '# before\n');
    const written = await writeValidationReport(report, join(temp.dir, 'out'), {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(JSON.parse(readFileSync(written.json, 'utf8'))).toEqual(report);
    expect(readFileSync(written.markdown, 'utf8')).toBe(renderValidationMarkdown(report));
    expect(readFileSync(summary, 'utf8')).toBe(`# before\n${renderValidationMarkdown(report)}\n`);
  });
});
