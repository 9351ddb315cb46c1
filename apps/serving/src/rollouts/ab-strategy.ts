import { createHash } from 'node:crypto';
import { readHeaderField, readNumberField } from './rollout-fields.js';
import type { RolloutStrategy } from './rollout-types.js';

/**
 * A/B: a fixed split by a request key (the `keyHeader` header, default X-User-Id): the key's
 * hash in [0, 1) below `split` goes to the candidate (variant `b`), so a key always lands on the
 * same variant. Requests without the key go to stable. Never promoted automatically.
 */
export const abStrategy: RolloutStrategy = {
  candidateVariant: 'b',
  runningState: 'running',
  readOptions: (body) => ({
    split: readNumberField(body, 'split', 0.5, { max: 1 }),
    keyHeader: readHeaderField(body, 'keyHeader', 'X-User-Id'),
  }),
  begin: (host, options) => {
    const split = options['split'] as number;
    const header = (options['keyHeader'] as string).toLowerCase();
    return {
      weights: () => ({ stable: 1 - split, b: split }),
      step: () => null,
      route: (req) => {
        const key = req.headers[header];
        if (typeof key !== 'string' || key === '') return host.stable;
        return hashToUnit(key) < split ? host.candidate : host.stable;
      },
      stop: () => undefined,
    };
  },
};

/** A key's sha256 as a number in [0, 1): uniform, and the same in every replica. */
export function hashToUnit(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}
