import { describe, expect, it } from '@jest/globals';
import { CompactHashSet } from './compact-hash-set.js';

describe('CompactHashSet', () => {
  it('tells new values from repeats across many resizes', () => {
    const set = new CompactHashSet(4);
    for (let i = 0; i < 50_000; i++) expect(set.add(`C${i}`)).toBe(true);
    for (let i = 0; i < 50_000; i += 997) expect(set.add(`C${i}`)).toBe(false);
    expect(set.size).toBe(50_000);
  });

  it('sees a repeat of a short text right away', () => {
    const set = new CompactHashSet();
    expect([set.add('west'), set.add('east'), set.add('west'), set.add('')]).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });
});
