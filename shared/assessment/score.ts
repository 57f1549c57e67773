/*
 * 考核得分: one period's scores for units, zones and lead units, from what happened and the rubric in force.
 * Pure: the caller brings the duty misses (from the one completion count, server/domain/report/completion.ts),
 * the issues, the failed 回头看 events, the deductions removed by accepted appeals and the time.
 *
 * - Each deduction is priced by the rubric in force on its date; the period's base score, caps and list rule are
 *   those in force on the period's first date. So a rubric change never reaches back before its effective date.
 * - Deductions: a missed daily item or weekly sweep (on the item's date); a problem found by inspection or a public
 *   complaint, unless rejected (on its report date); each day a rectification is overdue (超期天数, shared out
 *   between periods by overdueDates); each failed 回头看 (on its date). Credit: a problem the unit reported
 *   itself (自查) and fixed, on the fix date. Caps per period on the total deducted and the total credited.
 * - A unit's score = base − min(deductions, cap) + min(credits, cap). A zone's = the mean of its units'; a lead
 *   unit's = the mean of the zones it leads (what it answers for). Ranks: 1 + how many score higher.
 * - Lists: by rank, the top N (红榜) and the bottom N (黑榜); by threshold, at or above / below a score line.
 *   Nobody with the best score is black-listed, and nobody is on both.
 * Every deduction has a key that names what it is for, so an appeal can name it and the explanation can show it.
 */
import { DAY, addDays, dateKeyOf, startOfDate, weekdayOf } from '../calendar';
import { overdueDays } from '../metrics';
import type { DayCounter, DeadlineRules } from '../deadlines';
import type { Category } from '../categories';
import type { IssueSource } from '../schemas/events';
import type { IssueState } from '../issueFlow';
import type { Cadence, Unit, Zone } from '../schemas/org';
import { rubricOn, type PeriodKind, type Rubric, type RubricVersion } from './rubric';

export const DEDUCTION_KINDS = ['missedDaily', 'missedWeekly', 'problem', 'overdue', 'reopen'] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];
export const DEDUCTION_KIND_NAMES: Record<DeductionKind, string> = {
  missedDaily: '每日保洁漏项',
  missedWeekly: '每周扫除漏项',
  problem: '被发现问题',
  overdue: '整改超期',
  reopen: '回头看返工',
};

export interface DutyMiss {
  unitId: string;
  dutyId: string;
  cadence: Cadence;
  periodKey: string;
  /** The date the item counts on (its due date). */
  date: string;
}

export type ScoredIssue = {
  id: string;
  unitId: string;
  category: Category;
  source: IssueSource;
  state: IssueState;
  reportedAt: number;
  deadlineAt: number;
  rectifiedAt: number | null;
  /** The issue.reported event's sequence number, when known. */
  reportSeq?: number;
};

/** A failed 回头看: an issue.verified event with passed = false. */
export interface Reopen {
  seq: number;
  eventId: string;
  unitId: string;
  issueId: string;
  at: number;
}

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

export interface ScoreInput {
  period: Period;
  rubrics: readonly RubricVersion[];
  units: readonly Unit[];
  zones: readonly Zone[];
  misses: readonly DutyMiss[];
  issues: readonly ScoredIssue[];
  reopens: readonly Reopen[];
  /** Keys of deductions removed by an accepted appeal. */
  waived: ReadonlySet<string>;
  /** How each category counts days past a deadline (working or calendar days, shared/deadlines.ts). */
  deadlines: Pick<DeadlineRules, 'counterFor'>;
  now: number;
}

export interface Deduction {
  key: string;
  unitId: string;
  kind: DeductionKind;
  date: string;
  points: number;
  dutyId?: string;
  periodKey?: string;
  issueId?: string;
  category?: Category;
  /** Overdue days in the period. */
  days?: number;
  /** The ledger event behind it, where there is one (a miss is the absence of a tick). */
  seq?: number;
  /** Removed by an accepted appeal: listed, not counted. */
  waived: boolean;
}

export interface Credit {
  key: string;
  unitId: string;
  issueId: string;
  date: string;
  points: number;
}

export type ListMark = 'red' | 'black' | null;

export interface UnitScore {
  unitId: string;
  unitName: string;
  zoneId: string;
  base: number;
  /** Points deducted, after the cap and without waived ones. */
  deducted: number;
  credited: number;
  score: number;
  rank: number;
  /** How many share this rank (ranks count only strictly higher scores, so equal scores share one): 1 when alone. */
  tied: number;
  list: ListMark;
  byKind: Record<DeductionKind, number>;
}

export interface ZoneScore {
  zoneId: string;
  zoneName: string;
  zoneNumber: number;
  chiefPersonId: string | null;
  leadUnitId: string | null;
  unitCount: number;
  score: number | null;
  rank: number | null;
  /** How many share this rank (ranks count only strictly higher scores, so equal scores share one): 1 when alone. */
  tied: number;
  list: ListMark;
}

export interface LeadUnitScore {
  unitId: string;
  unitName: string;
  zoneIds: string[];
  score: number | null;
  rank: number | null;
  /** How many share this rank (ranks count only strictly higher scores, so equal scores share one): 1 when alone. */
  tied: number;
  list: ListMark;
}

export interface Assessment {
  period: Period;
  /** The rubric the period's base, caps and lists come from. */
  rubric: Rubric;
  units: UnitScore[];
  zones: ZoneScore[];
  leadUnits: LeadUnitScore[];
  deductions: Deduction[];
  credits: Credit[];
}

/** Scores to the hundredth: sums of tenths drift in floating point. */
export const round2 = (x: number) => Math.round(x * 100) / 100;

/** Problems others found: by inspection, a complaint phoned in, or a public report the command center accepted (受理). */
const FOUND_BY_OTHERS: readonly IssueSource[] = ['inspection', 'complaint', 'public'];
const FIXED: readonly IssueState[] = ['rectified', 'verified'];

export function deductionsOf(input: ScoreInput): { deductions: Deduction[]; credits: Credit[] } {
  const { period, rubrics, waived } = input;
  const inPeriod = (date: string) => date >= period.from && date <= period.to;
  const priced = (date: string) => rubricOn(rubrics, date);
  const deductions: Deduction[] = [];
  const push = (d: Omit<Deduction, 'waived'>) => deductions.push({ ...d, waived: waived.has(d.key) });

  for (const m of input.misses) {
    if (!inPeriod(m.date)) continue;
    const kind = m.cadence === 'daily' ? 'missedDaily' : 'missedWeekly';
    push({ key: `duty:${m.unitId}:${m.dutyId}:${m.periodKey}`, unitId: m.unitId, kind, date: m.date, points: priced(m.date)[kind], dutyId: m.dutyId, periodKey: m.periodKey });
  }
  const credits: Credit[] = [];
  for (const issue of input.issues) {
    if (issue.state === 'rejected') continue;
    const reported = dateKeyOf(issue.reportedAt);
    if (FOUND_BY_OTHERS.includes(issue.source) && inPeriod(reported)) {
      push({ key: `problem:${issue.id}`, unitId: issue.unitId, kind: 'problem', date: reported, points: priced(reported).problemFound[issue.category], issueId: issue.id, category: issue.category, seq: issue.reportSeq });
    }
    const overdue = overdueDates(issue, period, input.now, input.deadlines.counterFor(issue.category));
    if (overdue.length) {
      const points = overdue.reduce((sum, d) => sum + priced(d).overduePerDay, 0);
      push({ key: `overdue:${issue.id}`, unitId: issue.unitId, kind: 'overdue', date: overdue[0], points, issueId: issue.id, category: issue.category, days: overdue.length });
    }
    if (issue.source === 'self_check' && FIXED.includes(issue.state) && issue.rectifiedAt !== null) {
      const fixed = dateKeyOf(issue.rectifiedAt);
      const points = priced(fixed).selfFixedCredit;
      if (inPeriod(fixed) && points > 0) credits.push({ key: `credit:${issue.id}`, unitId: issue.unitId, issueId: issue.id, date: fixed, points });
    }
  }
  for (const r of input.reopens) {
    const date = dateKeyOf(r.at);
    if (inPeriod(date)) push({ key: `reopen:${r.eventId}`, unitId: r.unitId, kind: 'reopen', date, points: priced(date).reopen, issueId: r.issueId, seq: r.seq });
  }
  return { deductions, credits };
}

/**
 * The dates in the period of the issue's overdue days. Its days overdue at any instant are the one 超期天数 of
 * shared/metrics.ts (whole days past the deadline, rounded up), counted until the (latest) fix, or until now while
 * it is open; the period gets the days that count up within it, each dated by the day it began. So consecutive
 * periods share out an issue's days without gap or overlap, and the campaign's total is what the dashboard shows.
 */
export function overdueDates(issue: ScoredIssue, period: Period, now: number, counter: DayCounter): string[] {
  const stop = FIXED.includes(issue.state) && issue.rectifiedAt !== null ? issue.rectifiedAt : now;
  const upTo = (t: number) => overdueDays(issue.deadlineAt, Math.min(stop, t), counter);
  const dates: string[] = [];
  for (let k = upTo(startOfDate(period.from)) + 1; k <= upTo(startOfDate(period.to) + DAY); k++) dates.push(dateKeyOf(counter.after(issue.deadlineAt, k - 1)));
  return dates;
}

/** 1 + how many score strictly higher; null scores are not ranked. */
function ranksOf(scores: readonly (number | null)[]): (number | null)[] {
  return scores.map((s) => (s === null ? null : 1 + scores.filter((o) => o !== null && o > s).length));
}

/** For each ranked score, how many have that same score (itself included); 0 for the unranked. */
function tiesOf(scores: readonly (number | null)[]): number[] {
  return scores.map((s) => (s === null ? 0 : scores.filter((o) => o === s).length));
}

/** A rank as words: 第 3 名, or 并列第 1 名 when others share it. */
export function rankLabel(rank: number, tied: number): string {
  return tied > 1 ? `并列第 ${rank} 名` : `第 ${rank} 名`;
}

/** A rank in a 名次 column: 3, or 并列 1 when others share it. */
export function rankCell(rank: number, tied: number): string {
  return tied > 1 ? `并列 ${rank}` : String(rank);
}

/**
 * 红榜 and 黑榜. Black needs someone to have done better; by rank, red likewise needs someone to have done worse,
 * so a period where every unit has the same score (a week just begun, nothing yet due) puts no one on either list.
 */
function listsOf(scores: readonly (number | null)[], rule: Rubric['lists']): ListMark[] {
  const ranked = scores.filter((s): s is number => s !== null);
  const [best, worst] = [Math.max(...ranked), Math.min(...ranked)];
  return scores.map((s) => {
    if (s === null) return null;
    const fromTop = 1 + ranked.filter((o) => o > s).length;
    const fromBottom = 1 + ranked.filter((o) => o < s).length;
    const black = s < best && (rule.mode === 'rank' ? fromBottom <= rule.blackCount : s < rule.blackBelow);
    if (black) return 'black';
    return (rule.mode === 'rank' ? s > worst && fromTop <= rule.redCount : s >= rule.redAt) ? 'red' : null;
  });
}

const mean = (xs: readonly number[]) => (xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

export function assess(input: ScoreInput): Assessment {
  const { period } = input;
  const rubric = rubricOn(input.rubrics, period.from);
  const rule = rubric.periods[period.kind];
  const { deductions, credits } = deductionsOf(input);

  const blank = () => Object.fromEntries(DEDUCTION_KINDS.map((k) => [k, 0])) as Record<DeductionKind, number>;
  const byUnit = new Map(input.units.map((u) => [u.id, { byKind: blank(), credit: 0 }]));
  for (const d of deductions) {
    const t = byUnit.get(d.unitId);
    if (t && !d.waived) t.byKind[d.kind] += d.points;
  }
  for (const c of credits) {
    const t = byUnit.get(c.unitId);
    if (t) t.credit += c.points;
  }
  const cap = (x: number, limit: number | null) => round2(limit === null ? x : Math.min(x, limit));
  const unitScores = input.units.map((u) => {
    const t = byUnit.get(u.id)!;
    const raw = DEDUCTION_KINDS.reduce((sum, k) => sum + t.byKind[k], 0);
    const deducted = cap(raw, rule.deductionCap);
    const credited = cap(t.credit, rule.creditCap);
    const byKind = Object.fromEntries(DEDUCTION_KINDS.map((k) => [k, round2(t.byKind[k])])) as Record<DeductionKind, number>;
    return { unitId: u.id, unitName: u.name, zoneId: u.zoneId, base: rule.base, deducted, credited, score: round2(rule.base - deducted + credited), byKind };
  });
  const unitRanks = ranksOf(unitScores.map((u) => u.score));
  const unitLists = listsOf(unitScores.map((u) => u.score), rubric.lists);
  const unitTies = tiesOf(unitScores.map((u) => u.score));
  const units: UnitScore[] = unitScores.map((u, i) => ({ ...u, rank: unitRanks[i]!, tied: unitTies[i], list: unitLists[i] }));

  const zoneScores = input.zones.map((z) => {
    const members = units.filter((u) => u.zoneId === z.id);
    return { zoneId: z.id, zoneName: z.name, zoneNumber: z.number, chiefPersonId: z.chiefPersonId, leadUnitId: z.leadUnitId, unitCount: members.length, score: mean(members.map((u) => u.score)) };
  });
  const zoneRanks = ranksOf(zoneScores.map((z) => z.score));
  const zoneLists = listsOf(zoneScores.map((z) => z.score), rubric.lists);
  const zoneTies = tiesOf(zoneScores.map((z) => z.score));
  const zones: ZoneScore[] = zoneScores.map((z, i) => ({ ...z, rank: zoneRanks[i], tied: zoneTies[i], list: zoneLists[i] }));

  const leaders = input.units.filter((u) => zones.some((z) => z.leadUnitId === u.id));
  const leadScores = leaders.map((u) => {
    const led = zones.filter((z) => z.leadUnitId === u.id);
    return { unitId: u.id, unitName: u.name, zoneIds: led.map((z) => z.zoneId), score: mean(led.flatMap((z) => (z.score === null ? [] : [z.score]))) };
  });
  const leadRanks = ranksOf(leadScores.map((l) => l.score));
  const leadLists = listsOf(leadScores.map((l) => l.score), rubric.lists);
  const leadTies = tiesOf(leadScores.map((l) => l.score));
  const leadUnits: LeadUnitScore[] = leadScores.map((l, i) => ({ ...l, rank: leadRanks[i], tied: leadTies[i], list: leadLists[i] }));

  return { period, rubric, units, zones, leadUnits, deductions, credits };
}

/** A range of dates scored as a period: up to 7 days with the week's base and caps, up to 31 the month's, else the campaign's. */
export function periodOfRange(from: string, to: string): Period {
  const days = (startOfDate(to) - startOfDate(from)) / DAY + 1;
  return { kind: days <= 7 ? 'week' : days <= 31 ? 'month' : 'campaign', from, to };
}

/** The period of a kind that holds `date`: its Monday-to-Sunday week, its month, or the campaign up to that date. */
export function periodOf(kind: PeriodKind, date: string, campaignFrom: string): Period {
  if (kind === 'week') {
    const monday = addDays(date, 1 - weekdayOf(date));
    return { kind, from: monday, to: addDays(monday, 6) };
  }
  if (kind === 'month') {
    const first = `${date.slice(0, 8)}01`;
    const next = addDays(first, 31);
    return { kind, from: first, to: addDays(`${next.slice(0, 8)}01`, -1) };
  }
  return { kind, from: campaignFrom < date ? campaignFrom : date, to: date };
}
