import { readFile } from 'node:fs/promises';
import { parse, stringify } from 'yaml';
import { DvcFileError } from './errors.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** One entry of a `.dvc` file's `outs`, with DVC 3's fields; unknown fields are kept. */
export interface DvcOut {
  md5?: string;
  size?: number;
  nfiles?: number;
  hash?: 'md5';
  path: string;
  [field: string]: unknown;
}

/** A `.dvc` file as `dvc add` writes it; unknown top-level fields are kept. */
export interface DvcFile {
  outs: DvcOut[];
  [field: string]: unknown;
}

/** Reads and checks a `.dvc` file. */
export async function readDvcFile(path: string): Promise<DvcFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DvcFileError(
      path,
      missing
        ? 'file not found. Run `dvc add <data>` or `modelship data commit` to create it.'
        : (error as Error).message,
      { cause: error },
    );
  }
  return parseDvcFile(text, path);
}

/** Parses `.dvc` text; `source` names it in errors. */
export function parseDvcFile(text: string, source: string): DvcFile {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new DvcFileError(source, `not valid YAML (${(error as Error).message.split('\n')[0]}).`, {
      cause: error,
    });
  }
  const file = raw as Partial<DvcFile> | null;
  if (!file || typeof file !== 'object' || !Array.isArray(file.outs) || file.outs.length === 0) {
    throw new DvcFileError(
      source,
      'expected an `outs:` list with at least one entry, as `dvc add` writes.',
    );
  }
  file.outs.forEach((out, index) => {
    if (!out || typeof out.path !== 'string' || out.path === '') {
      throw new DvcFileError(source, `outs[${index}] has no \`path\`.`);
    }
  });
  return file as DvcFile;
}

// The field order DVC 3 writes (dvc/output.py dumpd): hash, meta, hash name, path, then the rest.
const OUT_FIELD_ORDER = ['md5', 'size', 'nfiles', 'hash', 'path'] as const;

/** The exact text DVC 3 writes for this content: two-space YAML, outs fields in DVC's order. */
export function formatDvcFile(file: DvcFile): string {
  const ordered: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(file)) {
    ordered[field] = field === 'outs' ? file.outs.map(orderOutFields) : value;
  }
  return stringify(ordered, { indent: 2, indentSeq: false, lineWidth: 0 });
}

/** Writes a `.dvc` file atomically, in DVC 3's exact format. */
export async function writeDvcFile(path: string, file: DvcFile): Promise<void> {
  await writeFileAtomic(path, formatDvcFile(file));
}

function orderOutFields(out: DvcOut): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const field of OUT_FIELD_ORDER) {
    if (out[field] !== undefined) ordered[field] = out[field];
  }
  for (const [field, value] of Object.entries(out)) {
    if (!(field in ordered) && value !== undefined) ordered[field] = value;
  }
  return ordered;
}
