/*
 * A few seeds of `npm run soak` on every `npm test` (one of them with the server SIGKILLed mid-run): the same
 * runs and the same checker of the guarantees (tests/soak/guarantees.ts) as the thousand-run soak.
 */
import { describe, expect, it } from 'vitest';
import { soakRun } from '../soak/soakRun';
import { isKillSeed } from '../soak/seeds';

const SEEDS = [1, 2, 3, 4, 5, 10];

describe('soak: seeded fault runs checked against the guarantees', () => {
  it.each(SEEDS)('seed %i: no violation', { timeout: 60_000 }, async (seed) => {
    const result = await soakRun(seed, isKillSeed(seed));
    expect(result.violations).toEqual([]);
    expect(result.events).toBeGreaterThan(0);
  });

  it('the CI seeds include a run with the server killed', () => {
    expect(SEEDS.some(isKillSeed)).toBe(true);
  });
});
