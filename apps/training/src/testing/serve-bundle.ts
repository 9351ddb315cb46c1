import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FeatureSpec, RawRow } from '@modelship/features';
import { transformRows } from '@modelship/features';
import type { BundleMetadata } from '@modelship/model-bundle';
import { BUNDLE_FILES, getBundleTask } from '@modelship/model-bundle';
import * as ort from 'onnxruntime-node';

/** A running stand-in service: its base URL and how to stop it. */
export interface ServedBundle {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a bundle's model.onnx on `POST /predict` over a real socket, answering each task in the
 * serving contract's shapes (binary and multiclass: label, probability, probabilities per class;
 * regression: value). It stands in for apps/serving in training's acceptance specs, which cannot
 * start that app; `skew` adds to every number answered, to see acceptance reject it.
 */
export async function serveBundle(bundleDir: string, options: { skew?: number } = {}): Promise<ServedBundle> {
  const metadata = JSON.parse(readFileSync(join(bundleDir, BUNDLE_FILES.metadata), 'utf8')) as BundleMetadata;
  const spec = JSON.parse(readFileSync(join(bundleDir, BUNDLE_FILES.featureSpec), 'utf8')) as FeatureSpec;
  const session = await ort.InferenceSession.create(join(bundleDir, BUNDLE_FILES.onnx));
  const task = getBundleTask(metadata);
  const classes = metadata.target.classes ?? ['0', '1'];
  const skew = options.skew ?? 0;
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const { instances } = JSON.parse(body) as { instances: RawRow[] };
      const matrix = transformRows(spec, instances);
      session
        .run({ [session.inputNames[0] ?? 'features']: new ort.Tensor('float32', matrix.data, [matrix.rows, matrix.width]) })
        .then((results) => {
          const output = Array.from(results[session.outputNames[0] ?? '']?.data as Float32Array, (v) => v + skew);
          const predictions = instances.map((_, i) => answer(task, classes, output, i));
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify({ model: metadata.name, version: metadata.version ?? 'unregistered', predictions }));
        })
        .catch((error: unknown) => {
          response.statusCode = 500;
          response.end(JSON.stringify({ error: String(error) }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await session.release();
    },
  };
}

// --- internal ---

function answer(task: string, classes: readonly string[], output: readonly number[], row: number): Record<string, unknown> {
  if (task === 'regression') return { value: output[row] };
  if (task === 'binary') {
    const p = output[row] ?? 0;
    return { label: classes[p >= 0.5 ? 1 : 0], probability: p, probabilities: { [classes[0] ?? '0']: 1 - p, [classes[1] ?? '1']: p } };
  }
  const k = classes.length;
  const probabilities = output.slice(row * k, (row + 1) * k);
  const best = probabilities.indexOf(Math.max(...probabilities));
  return {
    label: classes[best],
    probability: probabilities[best],
    probabilities: Object.fromEntries(classes.map((name, j) => [name, probabilities[j]])),
  };
}
