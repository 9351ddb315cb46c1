// ONNX's own checker (`onnx.checker.check_model(path, full_check=True)`) on the exported file of
// each task, run with Debian's python3-onnx. `npm test` must not need Python: when `import onnx`
// fails the case says so loudly and passes.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  generateMulticlassMatrices,
  generateRegressionMatrices,
} from '../train/testing/generate-task-matrices.js';
import { buildGbdtOnnx } from './build-gbdt-onnx.js';
import type { GbdtHead } from './gbdt-model.js';
import { findPythonWith } from '../testing/find-python.js';
import { GBDT_TEST_PARAMS, withMissingValues } from './testing/gbdt-fixtures.js';
import { trainGbdt } from './train-gbdt.js';

const CHECK = 'import onnx, sys; onnx.checker.check_model(sys.argv[1], full_check=True)';

describe("ONNX's checker on the exported GBDT", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gbdt-onnx-check-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each<GbdtHead>([
    { task: 'binary' },
    { task: 'multiclass', classes: 3 },
    { task: 'regression' },
  ])('passes check_model(full_check=True) for $task', async (head) => {
    const python = await findPythonWith('onnx');
    if (python === null) {
      console.warn(
        "SKIPPED CHECK: no python3 here imports onnx; install Debian's python3-onnx (apt-get install python3-onnx) or set PYTHON to a python3 with onnx to run ONNX's checker.",
      );
      return;
    }
    const data =
      head.task === 'regression'
        ? generateRegressionMatrices({ rows: 1_500, width: 5, seed: 1, offset: 10, scale: 3 })
        : generateMulticlassMatrices({
            classes: head.task === 'binary' ? 2 : head.classes,
            rows: 1_500,
            width: 5,
            seed: 1,
          });
    withMissingValues(data.train, 9);
    const model = trainGbdt(data.train, data.validation, head, {
      ...GBDT_TEST_PARAMS,
      maxTrees: 20,
    });
    const file = join(dir, `${head.task}.onnx`);
    await writeFile(file, buildGbdtOnnx(model, { metadata: { model_type: 'gbdt' } }));
    // Rejects (failing the case) with the checker's message when the file is invalid.
    await expect(promisify(execFile)(python, ['-c', CHECK, file])).resolves.toBeDefined();
  });
});
