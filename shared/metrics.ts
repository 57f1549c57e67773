/*
 * The figures units are judged by, defined once and used by the side panel, the dashboard, the XLSX and CSV
 * exports, the 通报, the alerts and 考核 alike. Nothing else counts, divides or ranks duty outcomes.
 *
 * - A duty item in a period is in exactly one state (shared/schedule.ts decides which); each state has one
 *   Chinese word, the same on every surface.
 * - 应完成 (dueByNow): every item whose due time has passed, plus any done early: done + missed + overdue.
 *   An item not yet at its due time and not done (pending) is not owed yet and is left out.
 * - 完成率 = done ÷ dueByNow; 按时完成率 = on_time ÷ dueByNow. Null (shown "—") when nothing is owed yet, so
 *   a Monday morning never reads 100% from the three items done early.
 * - 超期天数 of an issue: whole days past its deadline, rounded up (1 as soon as it has passed), in working days
 *   when its category's 时限 is set in working days.
 * - Lag order: the lowest completion rate first, then the most missed, then the most overdue; a place with
 *   nothing owed yet comes last. Rankings (best first) are the same order reversed.
 */
import type { DayCounter } from './deadlines';
import { OPEN_STATES, type IssueState } from './issueFlow';

export const DUTY_STATUSES = ['not_due', 'pending', 'overdue', 'on_time', 'late', 'missed'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

/** The one word for each state, on every surface. */
export const DUTY_STATUS_NAMES: Record<DutyStatus, string> = {
  /** Not due in this period at all (a working-days-only item on a day off). */
  not_due: '无需完成',
  /** Due later: its due time has not come and it is not done. */
  pending: '待完成',
  /** Its due time has passed, the period is still open, not done: it can still be done, late. */
  overdue: '已超时',
  on_time: '按时完成',
  late: '逾期完成',
  /** The period closed without it being done. */
  missed: '未完成',
};

/** The names of the figures built on the states, for column headers and cards. */
export const FIGURE_NAMES = {
  dueByNow: '应完成',
  done: '已完成',
  rate: '完成率',
  onTimeRate: '按时完成率',
} as const;

export type DutyTally = Record<DutyStatus, number>;

export interface DutyFigures extends DutyTally {
  /** Items due in the range, whether or not their due time has come (every state but not_due). */
  due: number;
  /** 应完成: items whose due time has passed, and any done early (done + missed + overdue). */
  dueByNow: number;
  /** 已完成: on time or late. */
  done: number;
  /** 完成率: done / dueByNow; null when nothing is owed yet. */
  rate: number | null;
  /** 按时完成率: on_time / dueByNow; null when nothing is owed yet. */
  onTimeRate: number | null;
}

export function emptyTally(): DutyTally {
  return { not_due: 0, pending: 0, overdue: 0, on_time: 0, late: 0, missed: 0 };
}

/** part / whole, or null when the whole is nothing. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** 完成率 from counts of done, missed and overdue items (a heat-map square has no more than these). */
export function completionRate(c: { done: number; missed: number; overdue: number }): number | null {
  return ratio(c.done, c.done + c.missed + c.overdue);
}

export function figuresOf(t: DutyTally): DutyFigures {
  const done = t.on_time + t.late;
  const dueByNow = done + t.missed + t.overdue;
  return {
    ...t,
    due: dueByNow + t.pending,
    dueByNow,
    done,
    rate: ratio(done, dueByNow),
    onTimeRate: ratio(t.on_time, dueByNow),
  };
}

/** Behind: something missed or overdue. Only these are named, listed as lagging or offered 催办. */
export function isBehind(f: Pick<DutyFigures, 'missed' | 'overdue'>): boolean {
  return f.missed + f.overdue > 0;
}

type Rated = Pick<DutyFigures, 'rate' | 'missed' | 'overdue'>;

/** Worst first: the lowest 完成率, then the most missed, then the most overdue; nothing owed yet comes last. */
export function lagOrder(a: Rated, b: Rated): number {
  return (a.rate ?? 2) - (b.rate ?? 2) || b.missed - a.missed || b.overdue - a.overdue;
}

/** Best first: the lag order reversed (nothing owed yet still last). */
export function rankOrder(a: Rated, b: Rated): number {
  if ((a.rate === null) !== (b.rate === null)) return a.rate === null ? 1 : -1;
  return lagOrder(b, a);
}

/**
 * 超期天数: whole days past the deadline, rounded up; 0 when the deadline has not passed. Days are counted as the
 * issue's category counts its 时限 (working or calendar days, shared/deadlines.ts).
 */
export function overdueDays(deadlineAt: number, now: number, counter: DayCounter): number {
  return counter.past(deadlineAt, now);
}

/** 超期3天: how every surface says it (dashboard, alerts, 通报 text). */
export function overdueDaysLabel(days: number): string {
  return `超期${days}天`;
}

/** An issue still to be dealt with: reported, assigned or reopened. */
export function isOpen(issue: { state: IssueState }): boolean {
  return OPEN_STATES.includes(issue.state);
}

/** Overdue (已超期): open past its deadline. The panel, the dashboard, the XLSX and the alerts all ask this. */
export function isOverdue(issue: { state: IssueState; deadlineAt: number }, now: number): boolean {
  return isOpen(issue) && issue.deadlineAt < now;
}
