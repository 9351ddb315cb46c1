import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The python to run a peer or a checker with: $PYTHON when set (and only it), else the first
 * python3 that imports `module` (Debian's /usr/bin/python3, which a pyenv or venv python3 earlier
 * on the PATH may hide, then `python3`); null when none does.
 */
export async function findPythonWith(module: string): Promise<string | null> {
  const chosen = process.env['PYTHON'];
  const candidates = chosen ? [chosen] : ['/usr/bin/python3', 'python3'];
  for (const python of candidates) {
    try {
      await promisify(execFile)(python, ['-c', `import ${module}`]);
      return python;
    } catch {
      // not this one
    }
  }
  return null;
}
