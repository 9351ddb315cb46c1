import type { ModelRegistry } from '@modelship/model-registry';
import { RegistryError } from '@modelship/model-registry';
import type { Logger } from 'pino';
import type { PeerCommand, ServingPeers } from '../cluster/peer-commands.js';
import type { ModelSource } from '../config/serving-config.js';
import { NotFoundError, NotReadyError } from '../http/serving-error.js';
import type { ModelLoader } from '../models/model-loader.js';
import type { ModelSlots, RoutedRequest } from '../models/model-slots.js';
import type { ModelVersion } from '../models/model-version.js';
import { recordModelInfo } from '../models/record-model-info.js';
import type { RegistryHandle } from '../models/registry-handle.js';
import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import type { ServingMonitor } from '../monitoring/serving-monitor.js';
import type { ServingStatus } from '../serving-status.js';
import { publishRollout } from './publish-rollout.js';
import { recordInRegistry } from './record-in-registry.js';
import { RolloutConflictError, RolloutUnavailableError } from './rollout-errors.js';
import { rolloutStrategies } from './rollout-strategies.js';
import type {
  CheckResult,
  RolloutHost,
  RolloutRequest,
  Rollout,
  RolloutStatus,
} from './rollout-types.js';
import { describeRollout } from './describe-rollout.js';
import { pushRecent as push } from './push-recent.js';

/** What the controller is given: the source, the shared loader and registry, the slots. */
export interface RolloutControllerDeps {
  source: ModelSource;
  registry: RegistryHandle;
  loader: ModelLoader;
  slots: ModelSlots;
  metrics: ServingMetrics;
  logger: Logger;
  status: ServingStatus;
  /** Labels joined through `POST /feedback` (a canary's live accuracy). */
  monitor: Pick<ServingMonitor, 'onLabelled'>;
  /**
   * The other serving processes in cluster mode: rollouts started and ended here are told to
   * them, and theirs are followed here (absent: a process alone).
   */
  peers?: ServingPeers;
}

/**
 * Where a rollout command came from: this process (an admin call, a decision: the others are
 * told), another process, or every process's own configuration (ROLLOUT_*: nobody is told).
 */
export type RolloutOrigin = 'here' | 'peer' | 'config';

/** How a rollout ended. */
type Outcome = 'promoted' | 'rolled_back' | 'aborted' | 'switched';

/**
 * Runs one rollout at a time: loads the candidate from the registry beside the stable version,
 * installs the strategy's routing once it is loaded and warmed, and carries out promotion,
 * rollback and abort (with the registry record, the metrics and the slots kept in step).
 */
export class RolloutController {
  private rollout: Rollout | null = null;
  /** The candidate's load in progress: a peer's outcome waits for it. */
  private loading: Promise<void> = Promise.resolve();
  constructor(private readonly deps: RolloutControllerDeps) {
    publishRollout(deps.metrics, this.status());
    deps.peers?.onCommand((command) => void this.follow(command));
  }

  get isActive(): boolean {
    return this.rollout?.active ?? false;
  }

  /** The admin API's view: strategy, state, versions, weights, step, checks and history. */
  status(): RolloutStatus {
    return describeRollout(this.rollout, this.deps.slots.stable);
  }

  /**
   * Validates the candidate (404 if unknown), then loads it in the background: 202. `origin`
   * `here` tells the other processes (cluster mode) to start the same rollout.
   */
  async start(request: RolloutRequest, origin: RolloutOrigin = 'here'): Promise<RolloutStatus> {
    this.assertIdle();
    const stable = this.deps.slots.stable;
    if (this.deps.source.kind !== 'registry') throw new RolloutUnavailableError();
    if (!stable) throw new NotReadyError();
    const registry = await this.openRegistry();
    const view = await registry.getVersion(stable.key.name, request.target).catch((error) => {
      if (error instanceof RegistryError && error.exitCode === 3) {
        throw new NotFoundError(error.message);
      }
      throw error;
    });
    this.assertIdle();
    if (String(view.version) === stable.key.version) {
      throw new RolloutConflictError(
        `${stable.key.name} v${view.version} is already the stable version; choose another candidate.`,
      );
    }
    const rollout: Rollout = {
      strategy: request.strategy,
      options: request.options,
      state: 'loading',
      active: true,
      ref: { name: view.name, version: view.version },
      candidate: null,
      runner: null,
      checks: [],
      history: [],
    };
    this.rollout = rollout;
    this.recordEvent(rollout, 'started', `${request.strategy} of v${view.version} (${view.stage})`);
    this.loading = this.load(rollout);
    if (origin === 'here') this.deps.peers?.broadcast({ kind: 'rollout-start', request });
    return this.status();
  }

  /** Makes the candidate the stable version and records production in the registry. */
  promote(reason = 'promoted through the admin API'): Promise<RolloutStatus> {
    return this.finish(this.loaded(), 'promoted', reason);
  }

  /** Returns all traffic to the stable version and archives the candidate in the registry. */
  rollback(reason = 'rolled back through the admin API'): Promise<RolloutStatus> {
    return this.finish(this.loaded(), 'rolled_back', reason);
  }

  /** Stops the rollout (even while loading) without writing to the registry. */
  abort(): Promise<RolloutStatus> {
    const rollout = this.rollout;
    if (!rollout?.active)
      throw new RolloutConflictError('No rollout is running; nothing to abort.');
    return this.finish(rollout, 'aborted', 'aborted through the admin API');
  }

  /** Shadow rollouts: whether this request is mirrored to the candidate (sampled). */
  mirrors(): boolean {
    const rollout = this.rollout;
    return rollout?.active === true && (rollout.runner?.mirrors?.() ?? false);
  }

  /** Stops timers: on shutdown. */
  stop(): void {
    this.rollout?.runner?.stop();
  }

  // --- internal ---

  private async load(rollout: Rollout): Promise<void> {
    const { deps } = this;
    const strategy = rolloutStrategies[rollout.strategy];
    let candidate: ModelVersion;
    try {
      const registry = await this.openRegistry();
      candidate = await deps.loader.loadFromRegistry(
        registry,
        rollout.ref,
        strategy.candidateVariant,
      );
    } catch (error) {
      deps.logger.error({ err: error, model: rollout.ref }, 'rollout candidate refused');
      if (rollout.active) {
        await this.finish(rollout, 'aborted', `candidate refused: ${(error as Error).message}`);
      }
      return;
    }
    if (this.rollout !== rollout || !rollout.active || deps.status.shuttingDown) {
      await candidate.close();
      return;
    }
    rollout.candidate = candidate;
    deps.slots.set(candidate);
    rollout.state = strategy.runningState;
    rollout.runner = strategy.begin(this.hostFor(rollout), rollout.options);
    deps.slots.setRouter((req) => this.route(rollout, req));
    this.recordEvent(rollout, rollout.state, `v${rollout.ref.version} loaded, verified and warm`);
  }

  private route(rollout: Rollout, req: RoutedRequest): ModelVersion | null {
    const runner = rollout.runner;
    const model = runner?.route(req) ?? this.deps.slots.stable;
    if (!model) return null;
    if (runner?.observe && req.method === 'POST' && req.res) {
      const started = process.hrtime.bigint();
      const { variant } = model.key;
      req.res.once('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        runner.observe?.(variant, seconds, (req.res?.statusCode ?? 500) >= 500);
      });
    }
    return model;
  }

  // Follows another process's rollout command; one that cannot apply here is logged.
  private async follow(command: PeerCommand): Promise<void> {
    try {
      if (command.kind === 'rollout-start') {
        await this.start(command.request, 'peer');
      } else if (command.kind === 'rollout-step') {
        const rollout = this.rollout;
        if (!rollout?.active || !rollout.runner?.setStep) return;
        rollout.runner.setStep(command.step);
        this.recordEvent(rollout, 'step', `step ${command.step}, as the deciding process`);
      } else if (command.kind === 'rollout-finish') {
        if (!this.rollout?.active) return;
        // A candidate still loading here is loaded (or refused) before it can be promoted.
        await this.loading;
        const rollout = this.rollout;
        if (rollout?.active) await this.finish(rollout, command.outcome, command.reason, 'peer');
      }
    } catch (error) {
      this.deps.logger.warn(
        { err: error, command: command.kind },
        `rollout command from another serving process not applied: ${(error as Error).message}`,
      );
    }
  }

  private async finish(
    rollout: Rollout,
    outcome: Outcome,
    reason: string,
    origin: RolloutOrigin = 'here',
  ) {
    const { deps } = this;
    // A canary's own verdict can race an admin call: the first one wins.
    if (!rollout.active) return this.status();
    rollout.runner?.stop();
    if (deps.status.shuttingDown) return this.status();
    rollout.active = false;
    if (origin === 'here') deps.peers?.broadcast({ kind: 'rollout-finish', outcome, reason });
    deps.slots.setRouter(null);
    const variant = rolloutStrategies[rollout.strategy].candidateVariant;
    const switched = deps.slots.get('previous') !== undefined;
    let retired: ModelVersion | undefined;
    if (outcome === 'promoted' || outcome === 'switched') {
      retired = switched ? deps.slots.remove('previous') : deps.slots.move(variant, 'stable');
      if (rollout.candidate && outcome === 'promoted') rollout.candidate.stage = 'production';
    } else {
      retired = switched ? deps.slots.move('previous', 'stable') : deps.slots.remove(variant);
    }
    deps.logger.info({ rollout: rollout.ref, outcome }, `rollout ${outcome}: ${reason}`);
    // The registry is written once, by the process where the rollout ended.
    if (origin === 'here' && (outcome === 'promoted' || outcome === 'rolled_back')) {
      const action = outcome === 'promoted' ? 'promote' : 'archive';
      const registry = await this.openRegistry();
      const done = await recordInRegistry(registry, deps.logger, action, rollout.ref, reason);
      push(rollout.history, { at: new Date().toISOString(), event: 'registry', detail: done });
    }
    // The final state shows once the registry has the record too.
    rollout.state = outcome;
    deps.metrics.rolloutOutcomes.inc({ strategy: rollout.strategy, outcome });
    this.recordEvent(rollout, outcome, reason);
    recordModelInfo(deps.metrics, deps.slots);
    // In-flight requests on the retired version finish on its workers; then they stop.
    if (retired) await retired.close();
    return this.status();
  }

  private hostFor(rollout: Rollout): RolloutHost {
    const { deps } = this;
    return {
      get stable() {
        return deps.slots.stable;
      },
      candidate: rollout.candidate as ModelVersion,
      monitor: deps.monitor,
      decides: deps.peers?.leader ?? true,
      recordCheck: (check, result: CheckResult, detail) => {
        deps.metrics.rolloutChecks.inc({ check, result });
        push(rollout.checks, { at: new Date().toISOString(), check, result, detail });
      },
      recordEvent: (event, detail) => this.recordEvent(rollout, event, detail),
      publish: () => {
        publishRollout(deps.metrics, this.status());
        const step = rollout.runner?.step();
        if (step !== null && step !== undefined) {
          deps.peers?.broadcast({ kind: 'rollout-step', step });
        }
      },
      promote: async (reason) => void (await this.finish(rollout, 'promoted', reason)),
      rollback: async (reason) => void (await this.finish(rollout, 'rolled_back', reason)),
      switchToCandidate: () => {
        const candidate = rollout.candidate as ModelVersion;
        deps.slots.move('stable', 'previous');
        deps.slots.move(candidate.key.variant, 'stable');
        recordModelInfo(deps.metrics, deps.slots);
      },
      finish: async (outcome, detail) => void (await this.finish(rollout, outcome, detail)),
    };
  }

  private recordEvent(rollout: Rollout, event: string, detail: string): void {
    push(rollout.history, { at: new Date().toISOString(), event, detail });
    publishRollout(this.deps.metrics, this.status());
  }

  private loaded(): Rollout {
    const rollout = this.rollout;
    if (!rollout?.active || !rollout.candidate) {
      throw new RolloutConflictError(
        rollout?.state === 'loading'
          ? 'The candidate is still loading; wait for it, or abort with DELETE /admin/rollout.'
          : 'No rollout is running; start one with POST /admin/rollout.',
      );
    }
    return rollout;
  }

  private assertIdle(): void {
    const rollout = this.rollout;
    if (rollout?.active) {
      throw new RolloutConflictError(
        `A ${rollout.strategy} rollout of v${rollout.ref.version} is ${rollout.state}; promote, roll back or abort it (DELETE /admin/rollout) first.`,
      );
    }
  }

  private openRegistry(): Promise<ModelRegistry> {
    return this.deps.registry.open(() => new RolloutUnavailableError());
  }
}
