import { existsSync } from 'node:fs';
import type { DvcFile } from '@modelship/data-versioning';
import { readDvcFile, writeDvcFile } from '@modelship/data-versioning';

/**
 * Where a snapshot's rows came from, kept in the `.dvc` file's `meta` (DVC keeps `meta` as is),
 * so the data version and its lineage travel together in git. Never holds credentials.
 */
export interface SourceLineage {
  engine: 'postgres' | 'sqlserver';
  host: string;
  database: string;
  query_sha256: string;
  /** Rows in the snapshot after this extract. */
  rows: number;
  incremental_column?: string;
  /** The incremental column's largest value in the snapshot (its CSV text). */
  high_water_mark?: string;
  extracted_at: string;
}

/** The lineage a `.dvc` file records (`meta.source`), or null when its data did not come from SQL. */
export async function readSourceLineage(dvcFile: string): Promise<SourceLineage | null> {
  if (!existsSync(dvcFile)) return null;
  const file = await readDvcFile(dvcFile);
  return sourceOf(file);
}

/** Records the lineage in the `.dvc` file's `meta.source`, keeping every other field. */
export async function writeSourceLineage(dvcFile: string, lineage: SourceLineage): Promise<void> {
  const file = await readDvcFile(dvcFile);
  const meta = isRecord(file['meta']) ? file['meta'] : {};
  await writeDvcFile(dvcFile, { ...file, meta: { ...meta, source: lineage } });
}

// --- internal ---

function sourceOf(file: DvcFile): SourceLineage | null {
  const meta = file['meta'];
  if (!isRecord(meta) || !isRecord(meta['source'])) return null;
  return meta['source'] as unknown as SourceLineage;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
