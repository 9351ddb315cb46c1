import { resolveActor } from './build-info.js';
import { InvalidInputError, InvalidTransitionError } from './registry-errors.js';
import type { ModelState, Stage, TransitionEvent, TransitionOptions } from './model-version.js';
import { STAGES } from './model-version.js';
import { productionVersion, stageOf, updateModelState } from './model-state.js';
import { resolveVersion } from './list-versions.js';
import type { RegistryStore } from './store/registry-store.js';

const ALIAS = /^[a-z][a-z0-9_-]{0,62}$/;

export function parseStage(value: string): Stage {
  if ((STAGES as readonly string[]).includes(value)) return value as Stage;
  throw new InvalidInputError(
    value,
    `Stage ${JSON.stringify(value)} does not exist; use one of ${STAGES.join(', ')}.`,
  );
}

function eventOf(
  options: TransitionOptions,
  fields: Omit<TransitionEvent, 'at' | 'by' | 'reason'>,
): TransitionEvent {
  return {
    at: new Date().toISOString(),
    by: resolveActor(options.by),
    reason: options.reason ?? null,
    ...fields,
  };
}

function setStage(state: ModelState, version: number, stage: Stage): void {
  if (stage === 'none') delete state.stages[String(version)];
  else state.stages[String(version)] = stage;
}

/**
 * Moves a version to a stage. Promoting to production archives the current production version and
 * remembers it, so `rollback` can return to it. Every move is recorded in the model's history.
 */
export async function promote(
  store: RegistryStore,
  name: string,
  version: number,
  stage: Stage,
  options: TransitionOptions = {},
): Promise<TransitionEvent[]> {
  parseStage(stage);
  await resolveVersion(store, name, { version });
  const { events } = await updateModelState(store, name, (state) => {
    const from = stageOf(state, version);
    if (from === stage)
      throw new InvalidTransitionError(
        `${name} v${version} is already in ${stage}; nothing changed.`,
      );
    const events: TransitionEvent[] = [];
    const current = productionVersion(state);
    if (stage === 'production' && current !== null) {
      setStage(state, current, 'archived');
      state.productionHistory.push(current);
      events.push(
        eventOf(
          { by: options.by, reason: `replaced by v${version}` },
          { action: 'archive', version: current, from: 'production', to: 'archived' },
        ),
      );
    }
    setStage(state, version, stage);
    events.push(
      eventOf(options, {
        action: stage === 'archived' ? 'archive' : 'promote',
        version,
        from,
        to: stage,
      }),
    );
    return events;
  });
  return events;
}

/** Archives a version; archiving the production version leaves the model without one. */
export async function archive(
  store: RegistryStore,
  name: string,
  version: number,
  options: TransitionOptions = {},
) {
  return promote(store, name, version, 'archived', options);
}

/** Returns production to the version it had before the last promotion, archiving the current one. */
export async function rollback(
  store: RegistryStore,
  name: string,
  options: TransitionOptions = {},
): Promise<TransitionEvent[]> {
  await resolveVersion(store, name, {});
  const { events } = await updateModelState(store, name, (state) => {
    const current = productionVersion(state);
    if (current === null) {
      throw new InvalidTransitionError(
        `${name} has no production version to roll back from; promote one first.`,
      );
    }
    let previous = state.productionHistory.pop();
    while (previous === current) previous = state.productionHistory.pop();
    if (previous === undefined) {
      throw new InvalidTransitionError(
        `${name} v${current} is the first production version; there is nothing to roll back to.`,
      );
    }
    const previousStage = stageOf(state, previous);
    setStage(state, current, 'archived');
    setStage(state, previous, 'production');
    return [
      eventOf(options, {
        action: 'rollback',
        version: current,
        from: 'production',
        to: 'archived',
      }),
      eventOf(options, {
        action: 'rollback',
        version: previous,
        from: previousStage,
        to: 'production',
      }),
    ];
  });
  return events;
}

/** Points an alias (for example champion or challenger) at a version, or removes it with null. */
export async function setAlias(
  store: RegistryStore,
  name: string,
  alias: string,
  version: number | null,
  options: TransitionOptions = {},
): Promise<TransitionEvent[]> {
  if (!ALIAS.test(alias)) {
    throw new InvalidInputError(
      alias,
      `Alias ${JSON.stringify(alias)} is invalid: use lowercase letters, digits, "_" or "-", starting with a letter.`,
    );
  }
  if (version !== null) await resolveVersion(store, name, { version });
  const { events } = await updateModelState(store, name, (state) => {
    const previous = state.aliases[alias];
    if (version === null) {
      if (previous === undefined)
        throw new InvalidTransitionError(`${name} has no alias ${alias} to remove.`);
      delete state.aliases[alias];
    } else state.aliases[alias] = version;
    const target = version ?? (previous as number);
    const stage = stageOf(state, target);
    return [
      eventOf(options, {
        action: 'alias',
        version: target,
        from: stage,
        to: stage,
        alias: version === null ? `-${alias}` : alias,
      }),
    ];
  });
  return events;
}
