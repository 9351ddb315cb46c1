import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CtError } from './ct-error.js';

/** What was ingested into one data version: feedback labelled up to `watermark` is in it. */
export interface DataVersionWatermark {
  /** ISO time: every feedback record labelled at or before it is in this data version. */
  watermark: string;
  /** The data version (md5 in data.dvc) this ingest produced from. */
  from: string | null;
  ingestedRows: number;
  quarantinedRows: number;
  at: string;
}

/**
 * `.modelship/ct/state.json`: the feedback watermark of each data version, keyed by the md5
 * data.dvc records. Keying by md5 ties the watermark to the data itself: checking out an older
 * data.dvc brings back that version's watermark, and new data (another md5) starts with none.
 */
export interface CtState {
  stateVersion: 1;
  dataVersions: Record<string, DataVersionWatermark>;
}

export function readCtState(file: string): CtState {
  if (!existsSync(file)) return { stateVersion: 1, dataVersions: {} };
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as CtState;
    if (state.stateVersion !== 1 || typeof state.dataVersions !== 'object')
      throw new Error('not a state file of version 1');
    return state;
  } catch (error) {
    throw new CtError(
      'E_CT_STATE',
      `${file}: ${(error as Error).message}; fix it or delete it (the next ct-ingest then reads all feedback again).`,
      file,
      { cause: error },
    );
  }
}

/** The watermark of a data version, or null when no feedback has been ingested into it. */
export function readWatermark(state: CtState, dataMd5: string): Date | null {
  const entry = state.dataVersions[dataMd5];
  return entry ? new Date(entry.watermark) : null;
}

/** Writes the state atomically (temp file, then rename): a crash never leaves half a file. */
export function writeCtState(file: string, state: CtState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, file);
}
