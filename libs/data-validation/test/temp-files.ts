import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder for a spec file's CSVs, removed by `cleanup`. */
export function createTempDir(): {
  dir: string;
  write: (name: string, content: string | Buffer) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'data-validation-'));
  return {
    dir,
    write: (name, content) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `action` and returns the message of the error it throws, with the temp folder as <dir>. */
export async function catchMessage(
  dir: string,
  action: () => Promise<unknown>,
): Promise<{ code: unknown; message: string }> {
  try {
    await action();
  } catch (error) {
    return {
      code: (error as { code?: unknown }).code,
      message: (error as Error).message.split(dir).join('<dir>'),
    };
  }
  throw new Error('expected an error');
}
