import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One timed step of the e2e, and how it ended. */
export interface StepOutcome {
  scenario: string;
  step: string;
  seconds: number;
  ok: boolean;
  detail: string;
}

export const outcomes: StepOutcome[] = [];

let logDir: string | undefined;
let failures = 0;

/** Where the full output of failed commands goes. */
export function setLogDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  logDir = dir;
}

export interface CommandOutput {
  code: number | null;
  output: string;
}

/** Runs a command, streaming nothing, keeping its output for the report. */
export function exec(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<CommandOutput> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => resolve({ code: null, output: error.message }));
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** Times a step and records it; a failing step's error (or output tail) becomes its detail. */
export async function timeStep(
  scenario: string,
  step: string,
  run: () => Promise<string | void>,
): Promise<boolean> {
  const started = performance.now();
  let ok = true;
  let detail = '';
  try {
    detail = (await run()) ?? '';
  } catch (error) {
    ok = false;
    detail = (error as Error).message;
  }
  const seconds = (performance.now() - started) / 1000;
  outcomes.push({ scenario, step, seconds, ok, detail });
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${scenario} > ${step} (${seconds.toFixed(1)} s)${detail ? `: ${detail}` : ''}`,
  );
  return ok;
}

/** Runs a command as a step's body: resolves with a short note, rejects with the output's tail. */
export async function expectSuccess(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const { code, output } = await exec(command, args, cwd, env);
  if (code !== 0) {
    const tail = failureExcerpt(output);
    let saved = '';
    if (logDir !== undefined) {
      failures += 1;
      saved = join(
        logDir,
        `${failures}-${args
          .join('-')
          .replace(/[^\w-]+/g, '_')
          .slice(0, 40)}.log`,
      );
      writeFileSync(saved, output);
    }
    throw new Error(
      `\`${command} ${args.join(' ')}\` exited ${code}${saved ? ` (full output: ${saved})` : ''}:\n${tail}`,
    );
  }
  return '';
}

/**
 * What a reader of CI needs from a failed command: each test runner's failure block (Jest marks
 * them with `●`), then the last lines, where Nx names the failed tasks.
 */
export function failureExcerpt(output: string): string {
  const lines = output.trimEnd().split('\n');
  const blocks: string[] = [];
  lines.forEach((line, index) => {
    if (line.includes('\u25cf ') && blocks.length < 3) {
      blocks.push(lines.slice(index, index + 30).join('\n'));
    }
  });
  const tail = lines.slice(-25).join('\n');
  return blocks.length === 0 ? tail : `${blocks.join('\n...\n')}\n...\n${tail}`;
}

export function printSummary(): void {
  console.log('\nscenario   step                                   seconds  result');
  for (const { scenario, step, seconds, ok } of outcomes) {
    console.log(
      `${scenario.padEnd(10)} ${step.padEnd(38)} ${seconds.toFixed(1).padStart(7)}  ${ok ? 'ok' : 'FAILED'}`,
    );
  }
}
