// The service's logger, in child processes writing to a real file, as main.ts runs it: buffered
// lines reach the file by themselves at low traffic, and on every exit that runs exit handlers.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSync } from 'node:fs';
import { pino } from 'pino';
import { createRequestLog, createServiceLogger, LOG_FLUSH_MS } from './create-service-logger.js';

const MODULE = join(import.meta.dirname, 'create-service-logger.ts');

describe('createServiceLogger', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'service-logger-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // Runs `body` in a child that logs through the service's logger into `file`, or with `slowReader`
  // into its stdout, a pipe this process starts reading only after a while (as a busy log
  // collector would); resolves with the child's exit code and the lines written.
  async function runChild(name: string, bufferBytes: number, body: string, slowReader = false) {
    const file = join(dir, `${name}.log`);
    const script = join(dir, `${name}.mts`);
    const fd = slowReader ? '1' : `openSync(${JSON.stringify(file)}, 'w')`;
    await writeFile(
      script,
      [
        `import { openSync } from 'node:fs';`,
        `import { createServiceLogger } from ${JSON.stringify(MODULE)};`,
        `const logger = createServiceLogger({ logLevel: 'info', logBufferBytes: ${bufferBytes} }, ${fd});`,
        body,
      ].join('\n'),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', slowReader ? 'pipe' : 'ignore', 'ignore'],
    });
    let text = '';
    if (child.stdout) {
      child.stdout.pause();
      setTimeout(() => {
        child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.stdout?.resume();
      }, 500);
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    if (child.stdout) {
      if (!child.stdout.readableEnded) await once(child.stdout, 'end');
    } else {
      text = await readFile(file, 'utf8');
    }
    const lines = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; n?: number });
    return { code, lines };
  }

  it('writes a lone line by itself (its timer, every LOG_FLUSH_MS) while the process keeps running', async () => {
    // The child reads its own file back after a lone line, so only the timer can have written it.
    const { code, lines } = await runChild(
      'lone',
      4096,
      [
        `import { readFileSync } from 'node:fs';`,
        `logger.info('lone line');`,
        `await new Promise((resolve) => setTimeout(resolve, ${LOG_FLUSH_MS * 5}));`,
        `const seen = readFileSync(process.argv[1].replace(/\\.mts$/, '.log'), 'utf8');`,
        `logger.info({ n: seen.includes('lone line') ? 1 : 0 }, 'seen');`,
        `setTimeout(() => process.exit(0), 10_000).unref();`,
      ].join('\n'),
    );
    expect(code).toBe(0);
    expect(lines.map((line) => line.msg)).toEqual(['lone line', 'seen']);
    expect(lines[1].n).toBe(1);
  });

  // 100 lines (about 7 KB) stay below one block: none is on its way when the process ends.
  it.each([
    ['process.exit(0)', 0],
    ["setTimeout(() => { throw new Error('boom'); }, 0)", 1],
    ["setTimeout(() => { void Promise.reject(new Error('rejected')); }, 0)", 1],
    ['/* the event loop runs dry */', 0],
  ])('keeps every buffered line through %s', async (ending, expectedCode) => {
    const { code, lines } = await runChild(
      `exit-${expectedCode}-${ending.length}`,
      16_383,
      [`for (let n = 0; n < 100; n++) logger.info({ n }, 'line');`, ending].join('\n'),
    );
    expect(code).toBe(expectedCode);
    expect(lines.map((line) => line.n)).toEqual(Array.from({ length: 100 }, (_, n) => n));
  });

  // 4 KB, the default 64 KB, and 1 MiB (the largest, more than sonic-boom writes at once).
  it.each([4096, 65_536, 1_048_576])(
    'a drain exits once every line is written, in order, however slowly stdout is read (blocks of %i)',
    async (bufferBytes) => {
      // 5000 lines (about 350 KB, five times a pipe's buffer): a block is on its way through the
      // thread pool, and blocked, when the exit is asked for.
      const { code, lines } = await runChild(
        `drain-${bufferBytes}`,
        bufferBytes,
        [
          `import { exitAfterLogs } from ${JSON.stringify(MODULE)};`,
          `for (let n = 0; n < 5000; n++) logger.info({ n }, 'line');`,
          `exitAfterLogs(logger, 3);`,
        ].join('\n'),
        true,
      );
      expect(code).toBe(3);
      expect(lines.map((line) => line.n)).toEqual(Array.from({ length: 5000 }, (_, n) => n));
    },
  );

  it('with LOG_BUFFER_BYTES=0 writes each line as it comes', async () => {
    const { code, lines } = await runChild(
      'unbuffered',
      0,
      [`logger.info('one');`, `logger.info('two');`].join('\n'),
    );
    expect(code).toBe(0);
    expect(lines.map((line) => line.msg)).toEqual(['one', 'two']);
  });

  describe('createRequestLog', () => {
    const bindings = { method: 'POST', route: '/v2/models/:model/infer' };
    // A UUID, a client's id, an id that needs escaping, a non-finite duration.
    const requests: Array<[string, number, number]> = [
      ['b5ffde65-7115-4f12-bc6b-546c9b8d73ef', 200, 2.31],
      ['client.id:7-x_Y', 422, 0.5],
      ['quote" back\\slash \u0001 ünï', 400, 12],
      ['no-duration', 503, Number.NaN],
    ];

    async function readLines(file: string): Promise<Array<Record<string, unknown>>> {
      const text = await readFile(file, 'utf8');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    }

    it("writes, for the service's logger, the line pino writes for the same request", async () => {
      const file = join(dir, 'request-lines.log');
      const logger = createServiceLogger(
        { logLevel: 'info', logBufferBytes: 65_536 },
        openSync(file, 'w'),
      );
      const logRequest = createRequestLog(logger, bindings);
      const child = logger.child(bindings);
      for (const [reqId, status, ms] of requests) {
        logRequest(reqId, status, ms);
        child.info({ reqId, status, ms }, 'request');
      }
      await new Promise((resolve) => logger.flush(resolve));
      const lines = await readLines(file);
      expect(lines).toHaveLength(2 * requests.length);
      for (let index = 0; index < lines.length; index += 2) {
        const { time: fastTime, ...fast } = lines[index];
        const { time: pinoTime, ...logged } = lines[index + 1];
        expect(Object.keys(fast)).toEqual(Object.keys(logged));
        expect(fast).toEqual(logged);
        expect(fast['reqId']).toBe(requests[index / 2][0]);
        expect(Math.abs(Number(fastTime) - Number(pinoTime))).toBeLessThan(1000);
      }
    });

    it('writes nothing when the level is above info', async () => {
      const file = join(dir, 'request-lines-warn.log');
      const logger = createServiceLogger(
        { logLevel: 'warn', logBufferBytes: 0 },
        openSync(file, 'w'),
      );
      createRequestLog(logger, bindings)('quiet', 200, 1);
      logger.warn('loud');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await readLines(file)).map((line) => line['msg'])).toEqual(['loud']);
    });

    it("goes through pino for any other logger, so that logger's options shape the line", () => {
      const written: string[] = [];
      const logger = pino(
        { mixin: () => ({ zone: 'eu' }), redact: ['reqId'] },
        { write: (line: string) => void written.push(line) },
      );
      createRequestLog(logger, bindings)('secret', 200, 1.5);
      expect(written).toHaveLength(1);
      const line = JSON.parse(written[0]) as Record<string, unknown>;
      expect(line).toMatchObject({
        ...bindings,
        zone: 'eu',
        reqId: '[Redacted]',
        status: 200,
        ms: 1.5,
      });
    });
  });
});
