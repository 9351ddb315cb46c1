import { copyFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Moves `source` over `target` atomically. A rename is atomic on one file system; across two,
 * the file is copied beside the target first, then renamed.
 */
export function replaceFile(source: string, target: string): void {
  try {
    renameSync(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const beside = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    copyFileSync(source, beside);
    renameSync(beside, target);
  }
}
