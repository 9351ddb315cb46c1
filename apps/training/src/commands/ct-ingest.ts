import { relative } from 'node:path';
import { DataVersionMismatchError } from '@modelship/data-versioning';
import { defineCommand } from 'citty';
import { ingestFeedback, ingestSourceRows } from '@modelship/continuous-training';
import { createStepContext } from '../steps/step-context.js';
import { verifyData } from '../steps/verify-data.js';
import { exitOnExpectedError } from './_exit-on-error.js';

const FAILED_CHECK_CODES = new Set<unknown>(['E_CT_DATA_INVALID', 'E_CT_QUARANTINE_SHARE']);

export default defineCommand({
  meta: {
    name: 'ct-ingest',
    description:
      'Append the labelled feedback since the data watermark to the dataset (bad rows quarantined with reasons), update data.dvc, print the new data md5.',
  },
  args: {
    json: { type: 'boolean', description: 'Print the result as JSON instead of the md5' },
    'from-source': {
      type: 'boolean',
      description:
        "Take the new labelled rows from data.source's query (above its high-water mark) instead of the feedback store",
    },
  },
  async run({ args }) {
    try {
      const ctx = createStepContext();
      if (args['from-source']) {
        const fromSource = await ingestSourceRows(ctx, { verifyData: () => verifyData(ctx) });
        ctx.log(
          `ct-ingest: ${fromSource.read} rows from data.source: ${fromSource.appended} appended, ${fromSource.quarantined} quarantined; high-water mark ${fromSource.highWaterMark}`,
        );
        process.stdout.write(
          args.json ? `${JSON.stringify(fromSource, null, 2)}\n` : `${fromSource.dataMd5After}\n`,
        );
        return;
      }
      // Training's own check (data.path inside what data.dvc tracks), so ingest never grows unknown data.
      const result = await ingestFeedback(ctx, { verifyData: () => verifyData(ctx) });
      if (result.read > 0) {
        ctx.log(
          `ct-ingest: ${result.read} feedback rows: ${result.appended} appended, ${result.quarantined} quarantined`,
        );
      }
      if (result.quarantine) {
        ctx.log(
          `ct-ingest: quarantined rows and reasons in ${relative(ctx.root, result.quarantine.csv)} and .json`,
        );
      }
      if (result.dataMd5After !== result.dataMd5Before) {
        ctx.log(
          `ct-ingest: ${ctx.params.data.dvc} now records md5 ${result.dataMd5After} (was ${result.dataMd5Before})`,
        );
        ctx.log(
          'next: npx nx run training:pipeline (then git add data.dvc, and dvc add + dvc push to share the data)',
        );
      }
      process.stdout.write(
        args.json ? `${JSON.stringify(result, null, 2)}\n` : `${result.dataMd5After}\n`,
      );
    } catch (error) {
      // Data that does not match data.dvc, already fails its schema, or feedback too much of
      // which fails it is a failed check (1).
      const failedCheck =
        error instanceof DataVersionMismatchError ||
        FAILED_CHECK_CODES.has((error as { code?: unknown }).code);
      exitOnExpectedError('ct-ingest', error, failedCheck ? 1 : 2);
    }
  },
});
