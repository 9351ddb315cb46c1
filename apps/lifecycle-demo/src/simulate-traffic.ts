import { setTimeout as sleep } from 'node:timers/promises';
import type { TrafficRows } from './traffic-rows.js';

export interface TrafficOptions {
  serviceUrl: string;
  /** Instances per `POST /predict`. @default 10 */
  batchSize?: number;
  /** Requests started per second (fewer when `concurrency` requests are still in flight). */
  requestsPerSecond?: number;
  /** Requests in flight at most. @default 4 */
  concurrency?: number;
  /** How long after the answer the true labels are posted to `/feedback`. @default 1000 */
  feedbackDelayMs?: number;
}

/** A request that did not get a 2xx answer (or no answer at all). */
export interface FailedRequest {
  at: number;
  path: string;
  status: number | null;
  error: string;
}

export interface TrafficStats {
  requests: number;
  rows: number;
  labelled: number;
  feedbackRequests: number;
  failures: FailedRequest[];
  /** Predicted rows per `v<version> <variant>`. */
  byModel: Record<string, number>;
}

/**
 * Replays rows against a running service over real HTTP: `POST /predict` with `{instances}`,
 * keeps each answer's prediction ids, and posts the true labels to `POST /feedback` after a
 * delay, as labels arrive in real life. Every non-2xx answer or network error is recorded.
 */
export class TrafficSimulator {
  readonly stats: TrafficStats = {
    requests: 0,
    rows: 0,
    labelled: 0,
    feedbackRequests: 0,
    failures: [],
    byModel: {},
  };
  private traffic: TrafficRows | null = null;
  private cursor = 0;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  /** Predict requests in flight (bounded by `concurrency`). */
  private readonly inFlight = new Set<Promise<void>>();
  /** Labels waiting for their delay, or being posted. */
  private readonly labelsDue = new Set<Promise<void>>();
  private readonly base: string;

  constructor(private readonly options: TrafficOptions) {
    this.base = options.serviceUrl.replace(/\/+$/, '');
  }

  /** Starts sending `traffic` (or switches to it, from its first row, when already running). */
  play(traffic: TrafficRows): void {
    this.traffic = traffic;
    this.cursor = 0;
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops sending, then waits for the answers and the labels still due. */
  async stop(): Promise<TrafficStats> {
    this.running = false;
    await this.loop;
    while (this.inFlight.size + this.labelsDue.size > 0) {
      await Promise.all([...this.inFlight, ...this.labelsDue]);
    }
    return this.stats;
  }

  /** Resolves once `count` more labels than now have been accepted by the service. */
  async waitForLabels(count: number, timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    const wanted = this.stats.labelled + count;
    while (this.stats.labelled < wanted && Date.now() < until) await sleep(200);
    return this.stats.labelled >= wanted;
  }

  // --- internal ---

  private async run(): Promise<void> {
    const interval = 1000 / (this.options.requestsPerSecond ?? 20);
    const concurrency = this.options.concurrency ?? 4;
    let next = Date.now();
    while (this.running) {
      if (this.inFlight.size < concurrency) track(this.inFlight, this.predictOnce());
      next += interval;
      await sleep(Math.max(0, next - Date.now()));
    }
  }

  private async predictOnce(): Promise<void> {
    const traffic = this.traffic;
    if (!traffic || traffic.rows.length === 0) return;
    const size = this.options.batchSize ?? 10;
    const picked = Array.from({ length: size }, () => this.cursor++ % traffic.rows.length);
    const answer = await this.post('/predict', { instances: picked.map((i) => traffic.rows[i]) });
    if (!answer) return;
    this.stats.requests++;
    const body = answer as { version?: string; variant?: string; predictions?: unknown[] };
    const predictions = (body.predictions ?? []) as { predictionId?: string }[];
    this.stats.rows += predictions.length;
    const key = `v${body.version} ${body.variant}`;
    this.stats.byModel[key] = (this.stats.byModel[key] ?? 0) + predictions.length;
    const feedback = predictions.flatMap((p, k) =>
      p.predictionId
        ? [{ predictionId: p.predictionId, label: traffic.labels[picked[k] ?? 0] }]
        : [],
    );
    if (feedback.length === 0) return;
    track(this.labelsDue, this.sendFeedback(feedback));
  }

  private async sendFeedback(feedback: { predictionId: string; label?: number }[]): Promise<void> {
    await sleep(this.options.feedbackDelayMs ?? 1000);
    const answer = await this.post('/feedback', { feedback });
    if (!answer) return;
    this.stats.feedbackRequests++;
    this.stats.labelled += (answer as { counts?: { joined?: number } }).counts?.joined ?? 0;
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    try {
      const response = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (response.ok) return JSON.parse(text) as unknown;
      this.fail(path, response.status, text.slice(0, 300));
    } catch (error) {
      this.fail(path, null, (error as Error).message);
    }
    return null;
  }

  private fail(path: string, status: number | null, error: string): void {
    if (path === '/predict') this.stats.requests++;
    this.stats.failures.push({ at: Date.now(), path, status, error });
  }
}

function track(set: Set<Promise<void>>, work: Promise<void>): void {
  set.add(work);
  void work.finally(() => set.delete(work));
}
