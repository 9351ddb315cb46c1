// The benchmark's baseline: a bare node:http server scoring one row per request on the same
// bundle's onnxruntime-node session, in-process (no framework, no validation, no workers). It
// answers as the task requires: binary the positive class's probability and the label at 0.5,
// multiclass the most probable class, regression the value. With BARE_HEADERS=service it sends
// the headers the service's answer carries (the security set, a request id, the model's name,
// version and variant) instead of one: what an API's answer costs beyond the bare minimum.
// Run: `node --import tsx apps/serving/bench/bare-onnx-server.ts <bundle dir>` with PORT set.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { FeatureSpec, RawRow } from '@modelship/features';
import { transformRow } from '@modelship/features';
import type { BundleMetadata } from '@modelship/model-bundle';
import { BUNDLE_FILES, getBundleTask, loadBundleJson } from '@modelship/model-bundle';
import * as ort from 'onnxruntime-node';
import { SECURITY_HEADERS } from '../src/http/security-headers.js';
import { readClasses } from '../src/models/model-version.js';

const dir = process.argv[2];
const spec = await loadBundleJson<FeatureSpec>(dir, BUNDLE_FILES.featureSpec);
const metadata = await loadBundleJson<BundleMetadata>(dir, BUNDLE_FILES.metadata);
const task = getBundleTask(metadata);
const classes = readClasses(metadata);
// One intra-op thread, as each of the service's workers has: the same session settings.
const session = await ort.InferenceSession.create(join(dir, BUNDLE_FILES.onnx), {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
});
const [inputName] = session.inputNames;
const [outputName] = session.outputNames;
const SERVICE_HEADERS = process.env['BARE_HEADERS'] === 'service';
const modelHeaders = [
  ['X-Model-Name', metadata.name],
  ['X-Model-Version', 'unregistered'],
  ['X-Model-Variant', 'stable'],
  ['Content-Type', 'application/json; charset=utf-8'],
].flat();
const constantHeaders = SECURITY_HEADERS.flat();
// The answer's headers, as a flat list (the service's order), or the one a bare server needs.
const headersOf = (): string[] =>
  SERVICE_HEADERS
    ? [...constantHeaders, 'X-Request-Id', randomUUID(), ...modelHeaders]
    : ['content-type', 'application/json'];

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    void score(Buffer.concat(chunks).toString('utf8')).then(
      (answer) => {
        res.writeHead(200, headersOf());
        res.end(JSON.stringify(answer));
      },
      (error: Error) => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: error.message }));
      },
    );
  });
});
server.listen(Number(process.env['PORT']), '127.0.0.1');
// An orderly exit, so `node --cpu-prof` (bench/profile-service.ts) writes its profile.
process.once('SIGTERM', () => process.exit(0));

async function score(body: string): Promise<Record<string, unknown>> {
  const input = transformRow(spec, JSON.parse(body) as RawRow);
  const output = await session.run({
    [inputName]: new ort.Tensor('float32', input, [1, input.length]),
  });
  const values = output[outputName].data as Float32Array;
  if (task === 'regression') return { prediction: values[0] };
  if (task === 'binary') {
    const probability = values[values.length - 1];
    return { label: classes[probability >= 0.5 ? 1 : 0], probability };
  }
  let best = 0;
  for (let index = 1; index < values.length; index++)
    if (values[index] > values[best]) best = index;
  return { label: classes[best], probability: values[best] };
}
