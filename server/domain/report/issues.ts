/*
 * Issue figures for a date range, from the issues projection (no ledger scan):
 * - reported / rectified / verified / rejected: issues whose report / latest fix (not since sent back) / passed
 *   回头看 / rejection falls in the range;
 * - reopens (返工): the times issues reported in the range were sent back by a failed 回头看;
 * - open and overdue: as things stand now (open = reported, assigned or reopened; overdue = open past its deadline);
 * - 按期整改率: of the issues whose deadline fell in the range and has passed (rejected ones aside), the share
 *   whose latest fix came by the deadline and still stands (rectified or verified, not sent back).
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { issues } from '../../db/schema';
import type { Org } from '../org';
import type { Unit } from '../../../shared/schemas/org';
import type { IssueRow } from '../../../shared/projection';
import { CATEGORIES, CATEGORY_NAMES, type Category } from '../../../shared/categories';
import { DAY, startOfDate } from '../../../shared/calendar';
import { isOpen, isOverdue, ratio } from '../../../shared/metrics';
import { mustGet } from '../mustGet';

export interface IssueStats {
  reported: number;
  rectified: number;
  verified: number;
  rejected: number;
  reopens: number;
  open: number;
  overdue: number;
  /** Deadlines that fell in the range and have passed. */
  deadlinesDue: number;
  rectifiedByDeadline: number;
  /** 按期整改率: rectifiedByDeadline / deadlinesDue. */
  onTimeRectifyRate: number | null;
}

export interface IssueReport {
  from: string;
  to: string;
  now: number;
  total: IssueStats;
  byZone: (IssueStats & { zoneId: string; zoneName: string })[];
  byUnit: (IssueStats & { unitId: string; unitName: string; zoneId: string })[];
  byCategory: (IssueStats & { category: Category; categoryName: string })[];
}

const blank = (): IssueStats => ({
  reported: 0,
  rectified: 0,
  verified: 0,
  rejected: 0,
  reopens: 0,
  open: 0,
  overdue: 0,
  deadlinesDue: 0,
  rectifiedByDeadline: 0,
  onTimeRectifyRate: null,
});

/** The instants [start, end) of the dates from..to in Shanghai. */
export function rangeInstants(from: string, to: string): [number, number] {
  return [startOfDate(from), startOfDate(to) + DAY];
}

function add(s: IssueStats, issue: IssueRow, start: number, end: number, now: number): void {
  const within = (t: number | null) => t !== null && t >= start && t < end;
  if (within(issue.reportedAt)) {
    s.reported++;
    s.reopens += issue.reopenCount;
  }
  if (within(issue.rectifiedAt) && (issue.state === 'rectified' || issue.state === 'verified')) s.rectified++;
  if (issue.state === 'verified' && within(issue.verifiedAt)) s.verified++;
  if (issue.state === 'rejected' && within(issue.closedAt)) s.rejected++;
  if (isOpen(issue)) s.open++;
  if (isOverdue(issue, now)) s.overdue++;
  if (issue.state !== 'rejected' && within(issue.deadlineAt) && issue.deadlineAt <= now) {
    s.deadlinesDue++;
    const fixed = (issue.state === 'rectified' || issue.state === 'verified') && issue.rectifiedAt !== null;
    if (fixed && issue.rectifiedAt! <= issue.deadlineAt) s.rectifiedByDeadline++;
  }
}

const finish = (s: IssueStats): IssueStats => ({ ...s, onTimeRectifyRate: ratio(s.rectifiedByDeadline, s.deadlinesDue) });

/** The issue rows of these units. */
export function issuesOfUnits(db: Db, units: Unit[], allUnits: boolean): IssueRow[] {
  const query = db.select().from(issues);
  return allUnits ? query.all() : query.where(inArray(issues.unitId, units.map((u) => u.id))).all();
}

export function issueReport(rows: IssueRow[], org: Org, units: Unit[], from: string, to: string, now: number): IssueReport {
  const [start, end] = rangeInstants(from, to);
  const total = blank();
  const zoneIds = [...new Set(units.map((u) => u.zoneId))];
  const byZone = new Map(zoneIds.map((z) => [z, blank()]));
  const byUnit = new Map(units.map((u) => [u.id, blank()]));
  const byCategory = new Map(CATEGORIES.map((c) => [c, blank()]));
  for (const issue of rows) {
    const unitStats = byUnit.get(issue.unitId);
    if (!unitStats) continue;
    for (const s of [total, unitStats, byZone.get(issue.zoneId), byCategory.get(issue.category)]) if (s) add(s, issue, start, end, now);
  }
  const zoneOrder = org.zones.filter((z) => byZone.has(z.id));
  return {
    from,
    to,
    now,
    total: finish(total),
    byZone: zoneOrder.map((z) => ({ zoneId: z.id, zoneName: z.name, ...finish(mustGet(byZone, z.id, '片区')) })),
    byUnit: units.map((u) => ({ unitId: u.id, unitName: u.name, zoneId: u.zoneId, ...finish(mustGet(byUnit, u.id, '单位')) })),
    byCategory: CATEGORIES.map((c) => ({ category: c, categoryName: CATEGORY_NAMES[c], ...finish(mustGet(byCategory, c, '类别')) })),
  };
}
