import type { ModelRegistry } from '@modelship/model-registry';
import type { Logger } from 'pino';

const ACTOR = 'modelship-serving';

/**
 * Writes a rollout's outcome to the registry: a promotion moves the candidate to production
 * (the registry archives the old one and remembers it for `rollback`); a rollback archives the
 * candidate. Returns what happened, for the rollout history; a failed write is logged, never
 * thrown: the traffic decision has already been made.
 */
export async function recordInRegistry(
  registry: ModelRegistry,
  logger: Logger,
  action: 'promote' | 'archive',
  ref: { name: string; version: number },
  reason: string,
): Promise<string> {
  try {
    const current = await registry.getVersion(ref.name, { version: ref.version });
    const target = action === 'promote' ? 'production' : 'archived';
    // Never archive what production serves, and never repeat a move.
    if (current.stage === target || (action === 'archive' && current.stage === 'production')) {
      return `registry: ${ref.name} v${ref.version} left in ${current.stage}`;
    }
    await registry.promote(ref.name, ref.version, target, { by: ACTOR, reason });
    return `registry: ${ref.name} v${ref.version} ${current.stage} -> ${target}`;
  } catch (error) {
    logger.error(
      { err: error, model: ref },
      `registry ${action} failed: ${(error as Error).message}`,
    );
    return `registry ${action} failed: ${(error as Error).message}`;
  }
}
