import { spawn } from 'node:child_process';
import { findFreePort } from '@modelship/core';

const READY_TIMEOUT_MS = 5 * 60_000;

/**
 * Runs `npm start` in a generated workspace as a user would: the pipeline runs, then the service
 * starts and prints a ready-to-paste curl. Sends exactly that curl's body to /predict, checks the
 * answer, then stops the service with SIGTERM and expects a clean exit.
 */
export async function expectServedPrediction(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
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
    const probability = prediction['probability'];
    if (
      response.status !== 200 ||
      typeof probability !== 'number' ||
      !(probability >= 0 && probability <= 1)
    ) {
      throw new Error(`POST /predict answered ${response.status}: ${JSON.stringify(answer)}`);
    }
    return `served probability ${probability.toFixed(4)} from ${String(answer['model'] ?? prediction['model'] ?? 'the model')}`;
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\n${output.trimEnd().split('\n').slice(-25).join('\n')}`,
    );
  } finally {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
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
