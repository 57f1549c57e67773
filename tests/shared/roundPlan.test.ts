/** The four kinds of round: the seeded random draw (repeatable, fair, weighted, never stuck) and the orderings. */
import { describe, expect, it } from 'vitest';
import { DAY } from '../../shared/calendar';
import { drawRandomZones, drawWeight, proposeZones, rollingOrder, type ZoneFacts } from '../../shared/roundPlan';

const NOW = Date.parse('2026-11-27T02:00:00Z'); // 10:00 in Shanghai

function zone(n: number, change: Partial<ZoneFacts> = {}): ZoneFacts {
  return { zoneId: `z${n}`, number: n, lastInspectedAt: NOW - 2 * DAY, openIssues: 0, hotspots: 0, rechecksDue: 0, ...change };
}
const tenAlike = Array.from({ length: 10 }, (_, i) => zone(i + 1));

/** How often each zone is drawn over `seeds` draws. */
function frequencies(zones: ZoneFacts[], count: number, seeds: number): Map<string, number> {
  const seen = new Map<string, number>(zones.map((z) => [z.zoneId, 0]));
  for (let seed = 1; seed <= seeds; seed++) for (const id of drawRandomZones(zones, count, NOW, seed)) seen.set(id, seen.get(id)! + 1);
  return seen;
}

describe('the random draw (随机式)', () => {
  it('is repeatable from its seed and different from another seed', () => {
    const a = drawRandomZones(tenAlike, 3, NOW, 20261127);
    expect(drawRandomZones(tenAlike, 3, NOW, 20261127)).toEqual(a);
    expect(new Set(a).size).toBe(3);
    const others = [1, 2, 3, 4, 5].map((s) => drawRandomZones(tenAlike, 3, NOW, s).join());
    expect(others.some((o) => o !== a.join())).toBe(true);
  });

  it('is fair among alike zones: each drawn about equally often over many draws', () => {
    const seeds = 20_000;
    const freq = frequencies(tenAlike, 1, seeds);
    for (const [, n] of freq) expect(Math.abs(n / seeds - 0.1)).toBeLessThan(0.01);
  });

  it('leans toward zones not visited lately and with open issues, in proportion to the weight', () => {
    const zones = [zone(1, { lastInspectedAt: NOW - 1 * DAY }), zone(2, { lastInspectedAt: null, openIssues: 5 })];
    const [w1, w2] = zones.map((z) => drawWeight(z, NOW));
    expect([w1, w2]).toEqual([2, 41]);
    const seeds = 20_000;
    const freq = frequencies(zones, 1, seeds);
    expect(Math.abs(freq.get('z2')! / seeds - w2 / (w1 + w2))).toBeLessThan(0.01);
  });

  it('never settles on the same zones: every zone, even one just visited, comes up across draws', () => {
    const zones = [...tenAlike.slice(0, 9).map((z) => ({ ...z, lastInspectedAt: null, openIssues: 10 })), zone(10, { lastInspectedAt: NOW })];
    const freq = frequencies(zones, 3, 2_000);
    for (const [, n] of freq) expect(n).toBeGreaterThan(0);
    const draws = new Set(Array.from({ length: 200 }, (_, s) => drawRandomZones(zones, 3, NOW, s + 1).sort().join()));
    expect(draws.size).toBeGreaterThan(50);
  });
});

describe('the other kinds of round', () => {
  it('滚动式 puts the longest overdue zones first and proposes only zones due', () => {
    const zones = [zone(1, { lastInspectedAt: NOW - 1 * DAY }), zone(2, { lastInspectedAt: NOW - 6 * DAY }), zone(3, { lastInspectedAt: NOW - 3 * DAY }), zone(4, { lastInspectedAt: null })];
    expect(rollingOrder(zones, NOW, 3)).toEqual(['z2', 'z3', 'z4', 'z1']);
    expect(proposeZones('rolling', zones, { now: NOW, seed: 1, everyDays: 3 })).toEqual(['z2', 'z3', 'z4']);
  });

  it('点穴式 goes to recurring hotspots and 回头式 to rechecks due, the most first', () => {
    const zones = [zone(1, { hotspots: 1 }), zone(2, { hotspots: 3, rechecksDue: 1 }), zone(3, { rechecksDue: 4 }), zone(4)];
    expect(proposeZones('targeted', zones, { now: NOW, seed: 1, everyDays: 3 })).toEqual(['z2', 'z1']);
    expect(proposeZones('followUp', zones, { now: NOW, seed: 1, everyDays: 3 })).toEqual(['z3', 'z2']);
  });
});
