/*
 * The dashboard's overview in one answer (today, this week, the last 30 days and the issue figures), and the
 * change version an open dashboard polls: the newest ledger entry among the caller's units, the organisation's
 * version and the minute (an item turns 已超时 at its due time without any event), so a poll is a few index
 * lookups and the overview is recomputed only when something it shows may have changed.
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { events, orgVersion } from '../../db/schema';
import type { Org } from '../org';
import type { Scope } from '../../../shared/scope';
import type { ReportPlace } from '../../../shared/schemas/report';
import { recentRange, todayRange, weekRange } from '../../../shared/reportRanges';
import { completionReport } from './completion';
import { issueReport, issuesOfUnits } from './issues';
import { reportUnits } from './place';

const MINUTE = 60_000;

export function changeVersion(db: Db, unitIds: readonly string[] | 'all', now: number): string {
  const latest = (unitId?: string) =>
    db
      .select({ seq: events.seq })
      .from(events)
      .where(unitId === undefined ? undefined : eq(events.unitId, unitId))
      .orderBy(desc(events.seq))
      .limit(1)
      .get()?.seq ?? 0;
  // One index lookup per unit (events_unit_seq): a max over `unit_id in (…)` would read every entry of them.
  const seq = unitIds === 'all' ? latest() : Math.max(0, ...unitIds.map((id) => latest(id)));
  const org = db.select({ v: orgVersion.version }).from(orgVersion).get()?.v ?? 0;
  return `${seq}.${org}.${Math.floor(now / MINUTE)}`;
}

export function placeVersion(db: Db, scope: Scope, org: Org, place: ReportPlace, now: number): string {
  const { units } = reportUnits(scope, org, place);
  return changeVersion(db, units.length === org.units.length ? 'all' : units.map((u) => u.id), now);
}

export function overviewReport(db: Db, scope: Scope, org: Org, place: ReportPlace, now: number) {
  const chosen = reportUnits(scope, org, place);
  const all = chosen.units.length === org.units.length;
  const ranges = { today: todayRange(now), week: weekRange(now), recent: recentRange(now) };
  const completion = (r: { from: string; to: string }) => ({ title: chosen.title, ...completionReport(db, org, chosen.units, chosen.zones, r.from, r.to, now) });
  const issueRows = issuesOfUnits(db, chosen.units, all);
  return {
    title: chosen.title,
    now,
    version: changeVersion(db, all ? 'all' : chosen.units.map((u) => u.id), now),
    ranges,
    today: completion(ranges.today),
    week: completion(ranges.week),
    recent: completion(ranges.recent),
    issues: { title: chosen.title, ...issueReport(issueRows, org, chosen.units, ranges.recent.from, ranges.recent.to, now) },
  };
}
