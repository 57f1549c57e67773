/*
 * The data of a 通报 (bulletin): by default the 5 days ending yesterday (五天一通报), compared with the 5 days
 * before. Overall rates, zones ranked by completion, units named with the duties they missed, problems found
 * and rectified, overdue problems, and the change since the previous bulletin. Its number (第N期) is the next
 * after the last one issued (server/domain/assessment/bulletins.ts freezes and archives an issued one).
 */
import type { Db } from '../../db/open';
import type { Org } from '../org';
import type { Scope } from '../../../shared/scope';
import type { ReportPlace } from '../../../shared/schemas/report';
import { addDays, dateKeyOf, startOfDate, DAY } from '../../../shared/calendar';
import { nextIssueNumber } from '../assessment/archive';
import { isBehind, lagOrder, rankOrder } from '../../../shared/metrics';
import { CATEGORY_NAMES } from '../../../shared/categories';
import { exportData } from './build';

export const BULLETIN_TITLE = '创建国家卫生县城工作通报';
export const BULLETIN_ISSUER = '创卫指挥部';
/** A bulletin names the units with the most misses, not every unit that missed once. */
export const NAMED_UNITS = 10;

function summary(d: ReturnType<typeof exportData>) {
  const t = d.completion.total;
  const i = d.issues.total;
  return {
    // 群众满意度 (shared/satisfaction.ts): answers given in the period, times of reports accepted and fixed in it.
    satisfactionRate: d.satisfaction.total.rate,
    answered: d.satisfaction.total.answered,
    dissatisfied: d.satisfaction.total.dissatisfied,
    publicAccepted: d.satisfaction.total.accepted,
    toAcceptanceHours: d.satisfaction.total.toAcceptanceHours,
    toFixHours: d.satisfaction.total.toFixHours,
    dueByNow: t.dueByNow,
    done: t.done,
    missed: t.missed,
    overdue: t.overdue,
    rate: t.rate,
    onTimeRate: t.onTimeRate,
    reported: i.reported,
    rectified: i.rectified,
    verified: i.verified,
    overdueIssues: i.overdue,
    reopens: i.reopens,
    onTimeRectifyRate: i.onTimeRectifyRate,
  };
}

export function bulletinData(db: Db, org: Org, scope: Scope, place: ReportPlace, now: number, end?: string, days = 5) {
  const to = end ?? addDays(dateKeyOf(now), -1);
  const from = addDays(to, -(days - 1));
  const previous = { from: addDays(from, -days), to: addDays(from, -1) };
  const current = exportData(db, org, scope, place, from, to, now, false);
  const before = exportData(db, org, scope, place, previous.from, previous.to, now, false);
  const overall = summary(current);
  const prior = summary(before);

  const dutyTitle = new Map(org.duties.map((d) => [d.id, d.title]));
  const lagging = current.completion.byUnit.filter(isBehind).sort(lagOrder);
  const unitsNamed = lagging
    .slice(0, NAMED_UNITS)
    .map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      zoneName: org.zones.find((z) => z.id === u.zoneId)?.name ?? '',
      missed: u.missed,
      overdue: u.overdue,
      rate: u.rate,
      duties: current.completion.missedDuties
        .filter((m) => m.unitId === u.unitId)
        .sort((a, b) => b.missed - a.missed)
        .map((m) => ({ title: dutyTitle.get(m.dutyId) ?? m.dutyId, missed: m.missed })),
    }));

  const [start, stop] = [startOfDate(from), startOfDate(to) + DAY];
  const found = current.issueList.filter((x) => x.reportedAt >= start && x.reportedAt < stop);
  const number = nextIssueNumber(db);

  return {
    title: BULLETIN_TITLE,
    issuer: BULLETIN_ISSUER,
    number,
    scopeTitle: current.title,
    issuedOn: dateKeyOf(now),
    /** 台账校验: the ledger these figures were read from, printed at the foot of the 通报. */
    checkpoint: current.checkpoint,
    period: { from, to, days },
    previous,
    overall,
    prior,
    zonesRanked: [...current.completion.byZone]
      .sort((a, b) => rankOrder(a, b) || a.zoneNumber - b.zoneNumber)
      .map((z, i) => ({ rank: i + 1, zoneId: z.zoneId, zoneName: z.zoneName, unitCount: z.unitCount, dueByNow: z.dueByNow, missed: z.missed, overdue: z.overdue, rate: z.rate, onTimeRate: z.onTimeRate })),
    unitsNamed,
    /** Units behind (a miss or an overdue item) beyond those named. */
    otherUnitsWithMisses: lagging.length - unitsNamed.length,
    problems: {
      found: found.length,
      issueIds: found.map((x) => x.id),
      rectified: overall.rectified,
      byCategory: Object.entries(CATEGORY_NAMES)
        .map(([category, name]) => ({ category, name, count: found.filter((x) => x.category === category).length }))
        .filter((c) => c.count > 0),
    },
    overdueIssues: current.issueList
      .filter((x) => x.overdue)
      .sort((a, b) => a.deadlineAt - b.deadlineAt)
      .map((x) => ({
        id: x.id,
        unitId: x.unitId,
        zoneName: x.zoneName,
        unitName: x.unitName,
        categoryName: CATEGORY_NAMES[x.category],
        place: x.place,
        description: x.description,
        deadlineAt: x.deadlineAt,
        overdueDays: x.overdueDays,
      })),
  };
}

export type Bulletin = ReturnType<typeof bulletinData>;
