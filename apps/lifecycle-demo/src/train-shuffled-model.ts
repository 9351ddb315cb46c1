import { copyFileSync, cpSync, createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { readCsvHeader, streamCsvRows } from '@modelship/data-validation';
import { DEFAULT_PATHS, resolveFromRoot } from '@modelship/params';
import { formatCsvLine } from '@modelship/continuous-training';
import { createSeededRandom, shuffleInPlace } from '@modelship/core';
import { DemoError } from './demo-error.js';
import type { DemoWorkspace } from './demo-workspace.js';
import { runModelship, tailOf, type CommandRun } from './run-modelship.js';

/**
 * A deliberately bad model for the demo's last act: a workspace beside the demo's whose dataset
 * is the demo's current data with the target column shuffled (seeded), versioned with
 * `modelship data commit`, then `modelship train` and `evaluate`. The features no longer say
 * anything about the label, so the model is no better than chance. Returns the bundle folder;
 * the caller registers it knowingly past the gate it would fail.
 */
export async function trainShuffledModel(
  workspace: DemoWorkspace,
  options: { seed: number; logDir: string; onRun?: (run: CommandRun) => void },
): Promise<string> {
  const root = join(workspace.root, 'shuffled-labels');
  const { params } = workspace;
  mkdirSync(root, { recursive: true });
  copyFileSync(join(workspace.root, 'params.yaml'), join(root, 'params.yaml'));
  copyFileSync(join(workspace.root, params.data.dvc), join(root, params.data.dvc));
  cpSync(
    dirname(resolveFromRoot(workspace.root, params.data.schema)),
    dirname(join(root, params.data.schema)),
    { recursive: true },
  );
  const target = params.data.target;
  const from = resolveFromRoot(workspace.root, params.data.path);
  const to = join(root, params.data.path);
  mkdirSync(dirname(to), { recursive: true });
  await writeShuffledTarget(from, to, target, options.seed);
  for (const args of [['data', 'commit'], ['train'], ['evaluate']]) {
    const run = await runModelship(args, { root, logDir: options.logDir });
    options.onRun?.(run);
    if (run.code !== 0) {
      throw new DemoError(
        'E_DEMO_STAGE',
        `the shuffled-label model: \`${run.command}\` exited ${run.code} (log ${run.log}):\n${tailOf(run)}`,
        'v3',
      );
    }
  }
  return join(root, DEFAULT_PATHS.bundle);
}

// --- internal ---

async function writeShuffledTarget(from: string, to: string, target: string, seed: number) {
  const header = await readCsvHeader(from);
  const labels: string[] = [];
  for await (const { values } of streamCsvRows(from)) labels.push(values[target] ?? '');
  shuffleInPlace(labels, createSeededRandom(seed));
  const out = createWriteStream(to);
  out.write(`${formatCsvLine(header)}\n`);
  let i = 0;
  for await (const { values } of streamCsvRows(from)) {
    const cells = header.map((name) =>
      name === target ? (labels[i] ?? '') : (values[name] ?? ''),
    );
    i++;
    if (!out.write(`${formatCsvLine(cells)}\n`))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await finished(out);
}
