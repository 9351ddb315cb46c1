import { appendFileSync } from 'node:fs';

/**
 * Appends Markdown to the GitHub Actions job summary when $GITHUB_STEP_SUMMARY is set;
 * returns whether it wrote. Elsewhere (a laptop, Azure Pipelines) it does nothing.
 */
export function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (!file) return false;
  appendFileSync(file, `${markdown.trimEnd()}\n\n`);
  return true;
}
