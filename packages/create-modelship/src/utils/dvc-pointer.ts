import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { stringify } from 'yaml';

/** One entry of a DVC 3 `.dvc` file's `outs`. */
export interface DvcOut {
  md5: string;
  size: number;
  hash: 'md5';
  path: string;
  nfiles?: number;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// Python's sorted() compares code points; JavaScript's default sort compares UTF-16 units.
function compareCodePoints(a: string, b: string): number {
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const difference = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
}

/** Python's json.dumps(..., sort_keys=True) for DVC's directory listing (ASCII-escaped). */
function dumpListing(entries: ReadonlyArray<{ md5: string; relpath: string }>): string {
  const escape = (text: string) =>
    JSON.stringify(text).replace(
      /[\u007f-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  const items = entries.map((e) => `{"md5": ${escape(e.md5)}, "relpath": ${escape(e.relpath)}}`);
  return `[${items.join(', ')}]`;
}

/**
 * The DVC 3 pointer to a folder of files (relative paths inside it): the md5 of DVC's sorted
 * JSON listing, suffixed `.dir`, with the total size and the number of files.
 */
export async function describeDvcDirectory(
  folder: string,
  outPath: string,
  files: readonly string[],
): Promise<DvcOut> {
  const entries = await Promise.all(
    [...files]
      .sort(compareCodePoints)
      .map(async (relpath) => ({ relpath, md5: await hashFile(`${folder}/${relpath}`) })),
  );
  const size = files.reduce((total, relpath) => total + statSync(`${folder}/${relpath}`).size, 0);
  const md5 = createHash('md5').update(dumpListing(entries)).digest('hex');
  return { md5: `${md5}.dir`, size, nfiles: files.length, hash: 'md5', path: outPath };
}

/** The DVC 3 pointer to one file: the plain md5 of its bytes. */
export async function describeDvcFile(file: string, outPath: string): Promise<DvcOut> {
  return { md5: await hashFile(file), size: statSync(file).size, hash: 'md5', path: outPath };
}

/** The text of a `.dvc` file with one output, in DVC's own key order. */
export function formatDvcFile(out: DvcOut): string {
  const { md5, size, nfiles, hash, path } = out;
  const entry = { md5, size, ...(nfiles === undefined ? {} : { nfiles }), hash, path };
  return stringify({ outs: [entry] }, { indentSeq: false });
}
