import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { DvcCommandError, DvcNotInstalledError } from './errors.js';
import { runDvc } from './run-dvc.js';

// A PATH holding node's own folder but no dvc.
const PATH_WITHOUT_DVC = dirname(process.execPath);

describe('runDvc', () => {
  it('throws DvcNotInstalledError, saying how to install DVC, when dvc is not on PATH', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'run-dvc-'));
    const error = await runDvc(['pull', 'data.dvc'], {
      cwd,
      stdio: 'pipe',
      env: { PATH: PATH_WITHOUT_DVC },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DvcNotInstalledError);
    expect((error as DvcNotInstalledError).code).toBe('E_DVC_NOT_INSTALLED');
    expect((error as Error).message).toMatchInlineSnapshot(
      `"DVC is not installed (no \`dvc\` on PATH), so \`dvc pull data.dvc\` cannot run. Install it with \`pipx install "dvc[azure]"\` (or \`pip install "dvc[azure]"\`), then run \`dvc pull data.dvc\`."`,
    );
  });

  describe('with a dvc on PATH', () => {
    let binDir: string;
    beforeAll(async () => {
      // A stand-in executable: the real DVC is a Python program this machine does not have.
      binDir = await mkdtemp(join(tmpdir(), 'run-dvc-bin-'));
      await writeFile(
        join(binDir, 'dvc'),
        '#!/bin/sh\nif [ "$1" = "status" ]; then echo "Data and pipelines are up to date."; exit 0; fi\necho "ERROR: failed to pull data from the cloud" >&2\nexit 255\n',
      );
      await chmod(join(binDir, 'dvc'), 0o755);
    });
    const env = (): Record<string, string> => ({
      PATH: `${binDir}${delimiter}${PATH_WITHOUT_DVC}`,
    });

    it('returns what dvc printed', async () => {
      await expect(runDvc(['status'], { cwd: binDir, stdio: 'pipe', env: env() })).resolves.toEqual(
        {
          command: 'dvc status',
          stdout: 'Data and pipelines are up to date.',
          stderr: '',
        },
      );
    });

    it('throws DvcCommandError with the exit code and dvc’s last error line', async () => {
      const error = await runDvc(['pull'], { cwd: binDir, stdio: 'pipe', env: env() }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(DvcCommandError);
      expect((error as Error).message).toMatchInlineSnapshot(
        `"\`dvc pull\` failed with exit code 255: ERROR: failed to pull data from the cloud."`,
      );
    });
  });
});
