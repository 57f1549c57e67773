/*
 * A period's 考核 for the whole county (ranks are county-wide), assembled from the one completion count, the issues
 * projection and the ledger, then scored by shared/assessment/score.ts; and what each caller may see of it.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { people } from '../../db/schema';
import { unitsBetween, type Org } from '../org';
import { completionReport } from '../report/completion';
import { deadlineRulesOf } from '../settings';
import { issuesOfUnits, rangeInstants } from '../report/issues';
import { eventsOfKind } from './ledgerReads';
import { rubricVersions } from './rubric';
import { appealsOf, waivedKeys, type Appeal } from './appeals';
import { assess, periodOf, type Assessment, type Period, type ZoneScore } from '../../../shared/assessment/score';
import { ladderStep, type PeriodKind } from '../../../shared/assessment/rubric';
import { dateKeyOf } from '../../../shared/calendar';
import type { Scope } from '../../../shared/scope';

/** The campaign began with the ledger's first event (or today, on an empty ledger). */
export function campaignStart(db: Db, now: number): string {
  const row = db.$client.prepare<[], { at: number }>('select effective_at as at from events order by seq limit 1').get();
  return dateKeyOf(row?.at ?? now);
}

export function periodFor(db: Db, kind: PeriodKind, date: string | undefined, now: number): Period {
  return periodOf(kind, date ?? dateKeyOf(now), campaignStart(db, now));
}

export function assessmentOf(db: Db, org: Org, period: Period, now: number, appeals: readonly Appeal[] = appealsOf(db)): Assessment {
  // The organisation as it stood at the end of the period (or today, for one still running): the units in effect
  // any day of it, each in the zone it sat in then, and the zones with their chiefs and lead units then; a change
  // made later leaves a period's scores, zone averages and lead units as they were.
  const today = dateKeyOf(now);
  const end = org.on(period.to < today ? period.to : today);
  const units = unitsBetween(org, period.from, period.to).map((u) => end.unitById.get(u.id) ?? u);
  const zones = end.zones;
  const { misses } = completionReport(db, org, units, zones, period.from, period.to, now, { heat: false, misses: true });
  const range = rangeInstants(period.from, period.to);
  const reportSeq = new Map(eventsOfKind(db, 'issue.reported', range).map((e) => [e.payload.issueId, e.seq]));
  const issues = issuesOfUnits(db, units, true).map((i) => ({ ...i, reportSeq: reportSeq.get(i.id) }));
  const reopens = eventsOfKind(db, 'issue.verified', range)
    .filter((e) => !e.payload.passed)
    .map((e) => ({ seq: e.seq, eventId: e.id, unitId: e.unitId, issueId: e.payload.issueId, at: e.effectiveAt }));
  return assess({ period, rubrics: rubricVersions(db), units, zones, misses, issues, reopens, waived: waivedKeys(appeals), deadlines: deadlineRulesOf(db), now });
}

/** Each zone's chief by name (zone id → name), for the zones table and the zones a 通报 names at the bottom. */
export function chiefNamesOf(db: Db, zones: readonly Pick<ZoneScore, 'zoneId' | 'chiefPersonId'>[]): Map<string, string> {
  const wanted = zones.flatMap((z) => (z.chiefPersonId ? [z.chiefPersonId] : []));
  if (!wanted.length) return new Map();
  const name = new Map(db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, wanted)).all().map((p) => [p.id, p.name]));
  return new Map(
    zones.flatMap((z) => {
      const chief = z.chiefPersonId ? name.get(z.chiefPersonId) : undefined;
      return chief === undefined ? [] : [[z.zoneId, chief]];
    }),
  );
}

/**
 * The scores a caller may see: their units, their zones, and lead units they see. Ranks stay county-wide. Each
 * black-listed unit carries the ladder step it would reach if the period were issued now (`streaks`: its run of
 * black-listings in the issued bulletins before, see archive.ts); each zone its chief's name (`chiefs`).
 */
export function scopedScores(a: Assessment, scope: Scope, streaks: ReadonlyMap<string, number>, chiefs: ReadonlyMap<string, string>) {
  const seesUnit = (id: string) => scope.all || scope.unitIds.has(id);
  const ladder = Object.fromEntries(
    a.units
      .filter((u) => u.list === 'black' && seesUnit(u.unitId))
      .map((u) => {
        const consecutive = 1 + (streaks.get(u.unitId) ?? 0);
        return [u.unitId, { consecutive, step: ladderStep(consecutive, a.rubric.ladder) }];
      }),
  );
  return {
    ladder,
    period: a.period,
    rubric: a.rubric,
    units: a.units.filter((u) => seesUnit(u.unitId)),
    zones: a.zones.filter((z) => scope.all || scope.zoneIds.has(z.zoneId)).map((z) => ({ ...z, chiefName: chiefs.get(z.zoneId) ?? null })),
    leadUnits: a.leadUnits.filter((l) => seesUnit(l.unitId)),
    unitCount: a.units.length,
  };
}
