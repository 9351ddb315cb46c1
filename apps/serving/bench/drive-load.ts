import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  body: string;
  connections: number;
  seconds: number;
  /** Requests per second across all connections; unset: as fast as the server answers. */
  overallRate?: number;
}

/** What one load run measured. Latencies in ms, from every answered request. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, errors and timeouts: a benchmark with any is not comparable. */
  failures: number;
  /**
   * CPU seconds the load generator itself spent on the run (wrk: its own user and system time,
   * read from /proc/self/stat when it ends; autocannon: this process's). On a machine it shares
   * with the servers, that is CPU they did not get. NaN where /proc is missing.
   */
  driverCpuSeconds: number;
}

/** The load generator: wrk (a C program, one thread) when installed, else autocannon in-process. */
export type LoadDriver = 'wrk' | 'autocannon';

/**
 * wrk when it is on the PATH (Debian's `wrk` package) and BENCH_DRIVER does not say otherwise:
 * it takes a fraction of the CPU autocannon does, which on a small machine is CPU the servers
 * under test get back.
 */
export async function chooseLoadDriver(): Promise<LoadDriver> {
  const wanted = process.env['BENCH_DRIVER'];
  if (wanted === 'autocannon') return 'autocannon';
  try {
    await run('wrk', ['--version']).catch((error: { stdout?: string }) => {
      // wrk --version prints its version and exits 1.
      if (!String(error.stdout ?? '').includes('wrk')) throw error;
    });
    return 'wrk';
  } catch {
    if (wanted === 'wrk')
      throw new Error('BENCH_DRIVER=wrk but wrk is not on the PATH (apt-get install wrk)');
    return 'autocannon';
  }
}

/**
 * Drives single-row POSTs at a URL with `driver`. A rate-limited run: with wrk, each connection
 * waits a think time between its answer and its next request (randomised around the mean that
 * gives the rate, calibrated by 2-s runs), so requests arrive spread out; autocannon's
 * overallRate sends each second's quota at full speed and then waits, so its latencies are a
 * burst's.
 */
export async function driveLoad(
  options: LoadOptions,
  driver: LoadDriver = 'autocannon',
): Promise<LoadResult> {
  if (driver === 'autocannon') return driveAutocannon(options);
  if (options.overallRate === undefined) return driveWrk(options, null);
  // Per connection, a request every `period` ms: think time = period - the answer's latency.
  // The cycle a think time gives is not its sum with the latency (wrk's timers fire on whole
  // ms, late by up to one), so 2-s runs correct the think time by the cycle's error until it is
  // within 5% (one correction used to leave the service 1.4x above the rate wanted).
  const period = (1000 * options.connections) / options.overallRate;
  let think = period;
  for (let step = 0; step < CALIBRATION_STEPS; step++) {
    const calibration = await driveWrk({ ...options, seconds: 2 }, think);
    const cycle = (options.connections / calibration.rps) * 1000;
    if (Math.abs(cycle - period) < 0.05 * period) break;
    think = Math.max(0, think - (cycle - period));
  }
  return driveWrk(options, think);
}

const CALIBRATION_STEPS = 4;

// --- internal ---

const run = promisify(execFile);

/**
 * autocannon's programmatic API. Latency percentiles are computed here from each response's time
 * (autocannon's own histogram rounds to whole ms).
 */
async function driveAutocannon(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: options.body,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  });
  instance.on('response', (_client, statusCode: number, _bytes, responseTime: number) => {
    if (statusCode < 300) latencies.push(responseTime);
  });
  const cpuBefore = process.cpuUsage();
  const result = await instance;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies.length === 0
      ? Number.NaN
      : latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    rps: latencies.length / options.seconds,
    p50: at(0.5),
    p99: at(0.99),
    failures: result.non2xx + result.errors + result.timeouts,
    driverCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/**
 * wrk with one thread and a Lua script that sets the POST, waits `thinkMs` on average (if not
 * null) between an answer and a connection's next request, and when done prints the run's figures
 * as one JSON line (latencies in µs, from wrk's own histogram, which starts a request's clock
 * when it is sent, after the think time).
 */
async function driveWrk(options: LoadOptions, thinkMs: number | null): Promise<LoadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'modelship-wrk-'));
  try {
    const script = join(dir, 'post.lua');
    await writeFile(script, wrkScript(options.body, thinkMs));
    const { stdout } = await run(
      'wrk',
      [
        '-t1',
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        '--latency',
        '-s',
        script,
        options.url,
      ],
      { maxBuffer: 1 << 20 },
    );
    const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'));
    if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
    const figures = JSON.parse(line) as {
      requests: number;
      durationMicros: number;
      p50Micros: number;
      p99Micros: number;
      failures: number;
      cpuTicks: number;
    };
    return {
      rps: figures.requests / (figures.durationMicros / 1e6),
      p50: figures.p50Micros / 1000,
      p99: figures.p99Micros / 1000,
      failures: figures.failures,
      // Clock ticks of 100 a second, as the servers' are read (start-bench-server.ts); -1: no /proc.
      driverCpuSeconds: figures.cpuTicks < 0 ? Number.NaN : figures.cpuTicks / 100,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// The body as a Lua string: JSON's escapes are Lua's too (the rows have no control characters).
function wrkScript(body: string, thinkMs: number | null): string {
  // wrk's delay() takes whole ms: a think time uniform in [0.5, 1.5] x the mean, rounded up or
  // down at random in proportion, averages the mean.
  const think =
    thinkMs === null
      ? ''
      : `function delay()
  local t = ${thinkMs} * (0.5 + math.random())
  local whole = math.floor(t)
  if math.random() < t - whole then whole = whole + 1 end
  return whole
end
`;
  return `wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = ${JSON.stringify(body)}
${think}-- wrk's own user + system time in clock ticks: /proc/self/stat's fields 14 and 15, the 12th
-- and 13th after the command name; -1 without /proc.
local function cpu_ticks()
  local file = io.open("/proc/self/stat", "r")
  if not file then return -1 end
  local stat = file:read("*a")
  file:close()
  local fields = {}
  for field in stat:match("%) (.*)$"):gmatch("%S+") do fields[#fields + 1] = field end
  return tonumber(fields[12]) + tonumber(fields[13])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationMicros":%d,"p50Micros":%d,"p99Micros":%d,"failures":%d,"cpuTicks":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, cpu_ticks()))
end
`;
}
