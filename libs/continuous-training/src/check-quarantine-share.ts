import { CtError } from './ct-error.js';
import { countReasons } from './quarantine-report.js';
import type { RowProblem } from './validate-new-rows.js';

/** What the share check needs to know about one ingest. */
export interface QuarantineShare {
  /** The refused rows, each with the checks it broke. */
  bad: readonly { problems: RowProblem[] }[];
  /** Rows read by this ingest. */
  read: number;
  /** `ct.ingest.max_quarantine_share`. */
  maxShare: number;
  /** How the rows are named in the message: `feedback rows`, `source rows`. */
  rowsName: string;
  /** Where the refused rows were written, relative to the workspace. */
  quarantineCsv: string;
  /** The schema's path, for the fix. */
  schema: string;
  /** What stays put so the rows are read again: `the watermark`, `the high-water mark`. */
  position: string;
}

/**
 * Throws `E_CT_QUARANTINE_SHARE` when more than `maxShare` of the rows were refused. So many
 * refused rows mean a broken source or schema, not a few bad labels: appending the rest would
 * train on a biased remainder, so the caller appends nothing and keeps its position, and the
 * next ingest reads them all again.
 */
export function checkQuarantineShare(share: QuarantineShare): void {
  const { bad, read, maxShare } = share;
  if (bad.length === 0 || bad.length <= maxShare * read) return;
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const reasons = countReasons(bad, 5)
    .map(({ reason, rows }) => `${reason}: ${rows} rows`)
    .join('; ');
  throw new CtError(
    'E_CT_QUARANTINE_SHARE',
    `${bad.length} of ${read} ${share.rowsName} (${percent(bad.length / read)}) fail the schema, more than ct.ingest.max_quarantine_share (${percent(maxShare)}), so none was appended and ${share.position} stays. Top reasons: ${reasons}. Every refused row is in ${share.quarantineCsv} (and .json); fix what sends them or the schema (${share.schema}), or raise ct.ingest.max_quarantine_share, then run ct-ingest again.`,
    { quarantined: bad.length, read, maxShare },
  );
}
