import { relative } from 'node:path';
import { defineCommand } from 'citty';
import { createStepContext } from '../steps/step-context.js';
import { exitOnExpectedError } from './_exit-on-error.js';

// Data that came back but does not fit (a check that failed: 1) against a source that could not
// be read at all (config, network, sign-in: 2).
const FAILED_CHECKS = new Set([
  'E_SOURCE_COLUMNS',
  'E_SOURCE_VALUE',
  'E_SOURCE_EMPTY',
  'E_SOURCE_INCREMENTAL',
]);

/** `modelship data extract`: data.source's query into data.path, data.dvc and its lineage. */
export default defineCommand({
  meta: {
    description:
      "Stream data.source's SQL query into data.path (appending above the high-water mark with incremental_column), update data.dvc and its lineage.",
  },
  args: {
    full: {
      type: 'boolean',
      description: 'Replace the snapshot even when an incremental extract could append',
    },
    json: { type: 'boolean', description: 'Print the result as JSON instead of the md5' },
  },
  async run({ args }) {
    try {
      const ctx = createStepContext();
      // Loaded here so every other command, and `npm start` on a CSV, never loads the SQL drivers.
      const { extractData } = await import('@modelship/data-sources');
      const started = Date.now();
      const result = await extractData({ root: ctx.root, data: ctx.params.data, full: args.full });
      const { lineage } = result;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      ctx.log(
        `data extract (${result.mode}): ${result.rows} rows from ${lineage.engine} ${lineage.host}/${lineage.database} in ${seconds} s; ${relative(ctx.root, ctx.params.data.path) || ctx.params.data.path} holds ${lineage.rows}` +
          (lineage.high_water_mark === undefined
            ? ''
            : `, high-water mark ${lineage.incremental_column} = ${lineage.high_water_mark}`),
      );
      if (result.md5After !== result.md5Before) {
        ctx.log(
          `data extract: ${ctx.params.data.dvc} now records md5 ${result.md5After}; next: npx modelship validate`,
        );
      }
      process.stdout.write(
        args.json ? `${JSON.stringify(result, null, 2)}\n` : `${result.md5After}\n`,
      );
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      exitOnExpectedError(
        'data extract',
        error,
        typeof code === 'string' && FAILED_CHECKS.has(code) ? 1 : 2,
      );
    }
  },
});
