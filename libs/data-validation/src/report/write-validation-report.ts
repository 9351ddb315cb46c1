import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ValidationReport } from '../validate/validation-report.js';
import { renderValidationMarkdown } from './render-validation-markdown.js';

/**
 * Writes `validation.json` and `validation.md` into `dir`, and appends the Markdown to the
 * GitHub Actions job summary when `$GITHUB_STEP_SUMMARY` is set. Returns the files written.
 */
export async function writeValidationReport(
  report: ValidationReport,
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'validation.json');
  const markdown = join(dir, 'validation.md');
  const text = renderValidationMarkdown(report);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, text);
  const summary = env['GITHUB_STEP_SUMMARY'];
  if (summary) await appendFile(summary, `${text}\n`);
  return { json, markdown };
}
