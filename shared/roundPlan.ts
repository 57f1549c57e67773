/*
 * Which zones a round of each kind proposes (督查的四种方式), from plain facts about each zone and a clock:
 *   随机式 random    — zones drawn at random, weighted toward zones not visited lately and with open issues, so
 *                     no unit can predict its turn; the seed is drawn when the round is planned and recorded
 *                     with it, so the draw can be shown again and checked.
 *   滚动式 rolling   — every zone at least every `inspectionEveryDays`: the longest overdue first.
 *   点穴式 targeted  — zones with places where problems keep coming back (反复出现), the most first.
 *   回头式 followUp  — zones with 回头看 due, the most first.
 * The page shows the proposal; the inspector may change it before recording the round.
 */
import { DAY } from './calendar';
import { mulberry32 } from './random';
import { inspectionDue } from './supervision';
import type { RoundKind } from './roundKinds';


export interface ZoneFacts {
  zoneId: string;
  number: number;
  lastInspectedAt: number | null;
  /** Issues the zone's units still owe a fix for. */
  openIssues: number;
  /** Places flagged 反复出现. */
  hotspots: number;
  /** 回头看 due now. */
  rechecksDue: number;
}

/** Zones a random round proposes by default. */
export const RANDOM_ROUND_ZONES = 3;
/** Days without a visit that count toward the weight, at most (a zone never visited counts this much). */
const STALE_DAYS_CAP = 30;
const OPEN_ISSUES_CAP = 20;

/**
 * How strongly a zone is drawn: 1, plus a point per day since its last round (up to 30), plus two per open
 * issue (up to 20 issues). Every zone keeps at least weight 1, so none is ever certain to be skipped.
 */
export function drawWeight(zone: ZoneFacts, now: number): number {
  const stale = zone.lastInspectedAt === null ? STALE_DAYS_CAP : Math.min(STALE_DAYS_CAP, Math.max(0, (now - zone.lastInspectedAt) / DAY));
  return 1 + stale + 2 * Math.min(OPEN_ISSUES_CAP, zone.openIssues);
}

/**
 * `count` distinct zones drawn with probability proportional to their weight, without replacement
 * (Efraimidis–Spirakis: each zone gets the key u^(1/w) for a uniform u; the largest keys win).
 */
export function drawRandomZones(zones: readonly ZoneFacts[], count: number, now: number, seed: number): string[] {
  const rng = mulberry32(seed);
  return zones
    .map((z) => ({ zoneId: z.zoneId, key: Math.pow(rng.next(), 1 / drawWeight(z, now)) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, count)
    .map((z) => z.zoneId);
}

/** Every zone, the ones overdue for a visit first (then due today, then the rest), each group by due date. */
export function rollingOrder(zones: readonly ZoneFacts[], now: number, everyDays: number): string[] {
  const rank = { overdue: 0, due: 1, ok: 2 } as const;
  return zones
    .map((z) => ({ z, due: inspectionDue(z.lastInspectedAt, now, everyDays) }))
    .sort((a, b) => rank[a.due.status] - rank[b.due.status] || a.due.dueDate.localeCompare(b.due.dueDate) || a.z.number - b.z.number)
    .map(({ z }) => z.zoneId);
}

function mostFirst(zones: readonly ZoneFacts[], count: (z: ZoneFacts) => number): string[] {
  return zones
    .filter((z) => count(z) > 0)
    .sort((a, b) => count(b) - count(a) || a.number - b.number)
    .map((z) => z.zoneId);
}

/** The zones a round of `kind` proposes, in the order to show them. */
export function proposeZones(kind: RoundKind, zones: readonly ZoneFacts[], opts: { now: number; seed: number; everyDays: number; count?: number }): string[] {
  switch (kind) {
    case 'random':
      return drawRandomZones(zones, opts.count ?? RANDOM_ROUND_ZONES, opts.now, opts.seed);
    case 'rolling':
      return rollingOrder(zones, opts.now, opts.everyDays).filter((id) => {
        const z = zones.find((x) => x.zoneId === id)!;
        return inspectionDue(z.lastInspectedAt, opts.now, opts.everyDays).status !== 'ok';
      });
    case 'targeted':
      return mostFirst(zones, (z) => z.hotspots);
    case 'followUp':
      return mostFirst(zones, (z) => z.rechecksDue);
  }
}
