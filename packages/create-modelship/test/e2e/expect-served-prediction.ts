import { spawn } from 'node:child_process';
import { findFreePort } from '@modelship/core';

const READY_TIMEOUT_MS = 5 * 60_000;

/** What the served answer must be: a class of the user's, or a value in the target's units. */
export type ExpectedAnswer =
  | { task: 'binary' | 'multiclass'; classes: readonly string[] }
  | { task: 'regression' }
  /** The sample's workspace: a probability, as any binary answer has. */
  | { task: 'binary'; classes?: undefined };

/**
 * Runs `npm start` in a generated workspace as a user would: the pipeline runs, then the service
 * starts and prints a ready-to-paste curl. Sends exactly that curl's body to /predict, checks the
 * answer is in the task's form (issue #13's C2: the user's class texts with a probability per
 * class, or a finite value), then stops the service with SIGTERM and expects a clean exit.
 */
export async function expectServedPrediction(
  cwd: string,
  env: NodeJS.ProcessEnv,
  expected: ExpectedAnswer = { task: 'binary' },
): Promise<string> {
  const port = await findFreePort();
  const child = spawn('npm', ['start'], {
    cwd,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    const body = await waitForCurlBody(() => output, exited);
    const response = await fetch(`http://127.0.0.1:${port}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const answer = (await response.json()) as Record<string, unknown>;
    const prediction =
      (answer['predictions'] as Record<string, unknown>[] | undefined)?.[0] ?? answer;
    const problem = response.status === 200 ? findAnswerProblem(prediction, expected) : 'not 200';
    if (problem !== null)
      throw new Error(
        `POST /predict answered ${response.status} (${problem}): ${JSON.stringify(answer)}`,
      );
    const said =
      expected.task === 'regression'
        ? `value ${String(prediction['value'])}`
        : `${prediction['label'] === undefined ? '' : `label ${JSON.stringify(prediction['label'])}, `}probability ${Number(prediction['probability']).toFixed(4)}`;
    return `served ${said} from ${String(answer['model'] ?? prediction['model'] ?? 'the model')}`;
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\n${output.trimEnd().split('\n').slice(-25).join('\n')}`,
    );
  } finally {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
}

// What is wrong with one prediction for the task, or null.
function findAnswerProblem(
  prediction: Record<string, unknown>,
  expected: ExpectedAnswer,
): string | null {
  const isProbability = (value: unknown) => typeof value === 'number' && value >= 0 && value <= 1;
  if (expected.task === 'regression') {
    const value = prediction['value'];
    return typeof value === 'number' && Number.isFinite(value)
      ? null
      : 'a regression answers a finite `value`';
  }
  if (!isProbability(prediction['probability'])) return '`probability` is not in [0, 1]';
  if (expected.classes === undefined) return null;
  if (!expected.classes.includes(String(prediction['label'])))
    return `\`label\` is not one of the CSV's classes ${expected.classes.join(', ')}`;
  const probabilities = prediction['probabilities'] as Record<string, unknown> | undefined;
  const keys = Object.keys(probabilities ?? {}).sort();
  if (keys.join('\n') !== [...expected.classes].sort().join('\n'))
    return `\`probabilities\` does not hold one entry per class of the CSV`;
  if (!Object.values(probabilities ?? {}).every(isProbability))
    return 'a class probability is not in [0, 1]';
  return null;
}

async function waitForCurlBody(
  read: () => string,
  exited: Promise<number | null>,
): Promise<string> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    const match = /curl -s \S+\/predict .* -d '(.*)'$/m.exec(read());
    if (match?.[1]) return match[1].replace(/'\\''/g, "'");
    if (exitCode !== undefined) throw new Error(`npm start exited ${exitCode} before serving`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`npm start printed no curl within ${READY_TIMEOUT_MS / 1000} s`);
}
