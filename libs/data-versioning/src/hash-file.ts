import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** A file's DVC 3 hash: the plain MD5 of its bytes (no line-ending normalisation), and its size. */
export interface FileHash {
  md5: string;
  size: number;
}

/** Streams a file through MD5, in constant memory. */
export async function hashFile(path: string): Promise<FileHash> {
  const hash = createHash('md5');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(bytes);
  }
  return { md5: hash.digest('hex'), size };
}
