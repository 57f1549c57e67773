/*
 * 群众满意率 per unit, zone and the whole place, and the two times (to acceptance, to fix), for a date range.
 * The rules are shared/satisfaction.ts; this only reads the rows. `satisfactionByUnit` is the clean per-unit (and
 * per-zone) answer for anyone who judges units by it (the 考核 rubric).
 */
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { issues, publicReports, satisfactionAnswers } from '../../db/schema';
import type { Org } from '../org';
import type { Unit } from '../../../shared/schemas/org';
import { answersInPeriod, averageHours, satisfactionOf, type AnswerFact, type SatisfactionStats } from '../../../shared/satisfaction';
import { rangeInstants } from './issues';

export interface SatisfactionReport {
  from: string;
  to: string;
  total: SatisfactionStats & { toAcceptanceHours: number | null; toFixHours: number | null; accepted: number; fixed: number };
  byZone: (SatisfactionStats & { zoneId: string; zoneName: string })[];
  byUnit: (SatisfactionStats & { unitId: string; unitName: string; zoneId: string })[];
}

function answerFacts(db: Db, unitIds: string[], start: number, end: number): AnswerFact[] {
  return db
    .select({ issueId: satisfactionAnswers.issueId, unitId: issues.unitId, zoneId: issues.zoneId, answer: satisfactionAnswers.answer, answeredAt: satisfactionAnswers.answeredAt })
    .from(satisfactionAnswers)
    .innerJoin(issues, eq(issues.id, satisfactionAnswers.issueId))
    .where(and(inArray(issues.unitId, unitIds), gte(satisfactionAnswers.answeredAt, start), lt(satisfactionAnswers.answeredAt, end)))
    .all()
    .map((r) => ({ ...r, answer: r.answer }));
}

export function satisfactionReport(db: Db, org: Org, units: readonly Unit[], from: string, to: string): SatisfactionReport {
  const [start, end] = rangeInstants(from, to);
  const unitIds = units.map((u) => u.id);
  const answers = answersInPeriod(answerFacts(db, unitIds, start, end), start, end);
  const reports = db
    .select({ submittedAt: publicReports.submittedAt, handledAt: publicReports.handledAt, unitId: issues.unitId, state: issues.state, rectifiedAt: issues.rectifiedAt })
    .from(publicReports)
    .innerJoin(issues, eq(issues.id, publicReports.issueId))
    .where(inArray(issues.unitId, unitIds))
    .all();
  const within = (t: number | null): t is number => t !== null && t >= start && t < end;
  const accepted = reports.filter((r) => within(r.handledAt)).map((r) => r.handledAt! - r.submittedAt);
  const fixed = reports
    .filter((r) => within(r.rectifiedAt) && (r.state === 'rectified' || r.state === 'verified'))
    .map((r) => r.rectifiedAt! - r.submittedAt);
  const zoneIds = [...new Set(units.map((u) => u.zoneId))];
  return {
    from,
    to,
    total: { ...satisfactionOf(answers), toAcceptanceHours: averageHours(accepted), toFixHours: averageHours(fixed), accepted: accepted.length, fixed: fixed.length },
    byZone: org.zones
      .filter((z) => zoneIds.includes(z.id))
      .map((z) => ({ zoneId: z.id, zoneName: z.name, ...satisfactionOf(answers.filter((a) => a.zoneId === z.id)) })),
    byUnit: units.map((u) => ({ unitId: u.id, unitName: u.name, zoneId: u.zoneId, ...satisfactionOf(answers.filter((a) => a.unitId === u.id)) })),
  };
}

/** Per unit: its 群众满意率 over answers given from..to (dates in Shanghai). */
export function satisfactionByUnit(db: Db, org: Org, units: readonly Unit[], from: string, to: string): Map<string, SatisfactionStats> {
  return new Map(satisfactionReport(db, org, units, from, to).byUnit.map(({ unitId, unitName: _n, zoneId: _z, ...stats }) => [unitId, stats]));
}
