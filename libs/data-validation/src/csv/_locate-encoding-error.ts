import { createReadStream } from 'node:fs';
import { CsvError } from './csv-error.js';

/** Which byte sequences are valid UTF-8, as a small state machine (RFC 3629). */
function expectedContinuations(byte: number): number {
  if (byte < 0x80) return 0;
  if (byte >= 0xc2 && byte <= 0xdf) return 1;
  if (byte >= 0xe0 && byte <= 0xef) return 2;
  if (byte >= 0xf0 && byte <= 0xf4) return 3;
  return -1;
}

interface Utf8Position {
  line: number;
  bytes: number[];
}

// The slow path, only taken once decoding failed: reread the file to name the line.
async function findInvalidUtf8(file: string): Promise<Utf8Position | undefined> {
  let line = 1;
  let pending = 0;
  let sequence: number[] = [];
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (pending > 0) {
        if ((byte & 0xc0) !== 0x80) return { line, bytes: [...sequence, byte] };
        sequence.push(byte);
        pending -= 1;
        continue;
      }
      const need = expectedContinuations(byte);
      if (need < 0) return { line, bytes: [byte] };
      if (byte === 0x0a) line += 1;
      pending = need;
      sequence = [byte];
    }
  }
  return pending > 0 ? { line, bytes: sequence } : undefined;
}

function formatBytes(bytes: number[]): string {
  return bytes.map((byte) => `0x${byte.toString(16).padStart(2, '0').toUpperCase()}`).join(' ');
}

/** Turns a failed UTF-8 decode into a CsvError naming the line of the first bad byte. */
export async function locateEncodingError(file: string, cause: unknown): Promise<CsvError> {
  const found = await findInvalidUtf8(file);
  return new CsvError({
    code: 'E_CSV_ENCODING',
    file,
    line: found?.line,
    value: found ? formatBytes(found.bytes) : undefined,
    problem: `the file is not valid UTF-8${found ? ` (bytes ${formatBytes(found.bytes)})` : ''}`,
    fix: 'save the file as UTF-8, for example `iconv -f latin1 -t utf-8 in.csv > out.csv`',
    cause,
  });
}

/** Rejects byte-order marks and NUL bytes of UTF-16 files before decoding starts. */
export function checkLeadingBytes(file: string, first: Buffer): void {
  const bom =
    first[0] === 0xff && first[1] === 0xfe
      ? 'UTF-16 LE'
      : first[0] === 0xfe && first[1] === 0xff
        ? 'UTF-16 BE'
        : undefined;
  const nul = first.subarray(0, 4096).indexOf(0);
  if (bom === undefined && nul === -1) return;
  const line = bom ? 1 : first.subarray(0, nul).toString('latin1').split('\n').length;
  throw new CsvError({
    code: 'E_CSV_ENCODING',
    file,
    line,
    value: bom ?? 'NUL byte',
    problem: bom
      ? `the file starts with a ${bom} byte-order mark; only UTF-8 is read`
      : 'the file holds NUL bytes: it looks like UTF-16 without a byte-order mark, or a binary file',
    fix: 'save the file as UTF-8, for example `iconv -f utf-16 -t utf-8 in.csv > out.csv`',
  });
}
