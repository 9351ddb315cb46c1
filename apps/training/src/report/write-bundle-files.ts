import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes files given by bundle-relative path, creating folders as needed; returns the paths. */
export function writeBundleFiles(bundleDir: string, files: Record<string, string>): string[] {
  for (const [relative, content] of Object.entries(files)) {
    const target = join(bundleDir, relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return Object.keys(files);
}
