import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/**
 * Builds the service as the image runs it (`nx run serving:build`: dist/apps/serving/main.js, an
 * esbuild bundle) and returns its entry. Benchmarks measure this, not the sources under tsx,
 * whose keep-names wrappers cost the hot path a `defineProperty` per closure.
 */
export async function buildServiceBundle(): Promise<string> {
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'apps/serving/build/build-serving.ts')],
    { cwd: ROOT },
  );
  return join(ROOT, 'dist', 'apps', 'serving', 'main.js');
}
