import type { RolloutStatus } from '@modelship/continuous-training';

/** One reading of the service, `t` seconds after the demo started. */
export interface ServiceSample {
  t: number;
  /** PSI per feature of the version serving as stable. */
  drift: { version: string; windowRows: number; psi: Record<string, number> } | null;
  /** Live accuracy per `v<version> <variant>`, with the labelled rows it is computed over. */
  accuracy: Record<string, { accuracy: number; rows: number }>;
  /** Traffic share per version (`v<version>`). */
  weights: Record<string, number>;
  rollout: Pick<RolloutStatus, 'strategy' | 'state'> | null;
}

interface DriftAnswer {
  models: { version: string; windowRows: number; features: { name: string; psi: number }[] }[];
}
interface SummaryAnswer {
  models: { version: string; variant: string; labelledRows: number; accuracy: number | null }[];
}

/**
 * Reads `GET /drift`, `GET /feedback/summary` and `GET /admin/rollout` every `intervalMs`, so the
 * report can plot drift, live accuracy and traffic weights over time. A failed read leaves a gap.
 */
export class ServiceSampler {
  readonly samples: ServiceSample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly serviceUrl: string,
    private readonly token: string,
    private readonly started: number,
  ) {}

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => {
      this.pending = this.pending.then(async () => {
        await this.sample();
      });
    }, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pending;
  }

  /** Takes one sample now. */
  async sample(): Promise<ServiceSample> {
    const t = (Date.now() - this.started) / 1000;
    const [drift, summary, rollout] = await Promise.all([
      this.get<DriftAnswer>('/drift'),
      this.get<SummaryAnswer>('/feedback/summary'),
      this.get<RolloutStatus>('/admin/rollout', true),
    ]);
    const sample = {
      t,
      drift: readStableDrift(drift, rollout),
      accuracy: readAccuracy(summary),
      weights: readWeights(rollout),
      rollout: rollout && { strategy: rollout.strategy, state: rollout.state },
    };
    this.samples.push(sample);
    return sample;
  }

  private async get<T>(path: string, admin = false): Promise<T | null> {
    try {
      const response = await fetch(`${this.serviceUrl}${path}`, {
        headers: admin ? { authorization: `Bearer ${this.token}` } : {},
        signal: AbortSignal.timeout(10_000),
      });
      return response.ok ? ((await response.json()) as T) : null;
    } catch {
      return null;
    }
  }
}

// --- internal ---

function readStableDrift(
  drift: DriftAnswer | null,
  rollout: RolloutStatus | null,
): ServiceSample['drift'] {
  const stable = rollout?.stable ? String(rollout.stable.version) : null;
  const model = drift?.models.find((m) => String(m.version) === stable) ?? drift?.models[0];
  if (!model) return null;
  const psi: Record<string, number> = {};
  for (const feature of model.features) psi[feature.name] = feature.psi;
  return { version: String(model.version), windowRows: model.windowRows, psi };
}

function readAccuracy(summary: SummaryAnswer | null): ServiceSample['accuracy'] {
  const accuracy: ServiceSample['accuracy'] = {};
  for (const model of summary?.models ?? []) {
    if (model.accuracy === null) continue;
    accuracy[`v${model.version} ${model.variant}`] = {
      accuracy: model.accuracy,
      rows: model.labelledRows,
    };
  }
  return accuracy;
}

function readWeights(rollout: RolloutStatus | null): Record<string, number> {
  if (!rollout?.stable) return {};
  const weights: Record<string, number> = {};
  const entries = Object.entries(rollout.weights);
  if (entries.length === 0) return { [`v${rollout.stable.version}`]: 1 };
  for (const [variant, weight] of entries) {
    const model: { version: string | number } | null =
      variant === 'stable' ? rollout.stable : rollout.candidate;
    if (!model) continue;
    const key = `v${model.version}`;
    weights[key] = (weights[key] ?? 0) + weight;
  }
  return weights;
}
