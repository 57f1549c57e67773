/** Counting duty outcomes, and the two rates every report shows. */
import type { DutyStatus } from '../../../shared/schedule';

export type Tally = Record<DutyStatus, number>;

export interface Stats extends Tally {
  /** Items due in the range (everything but not_due). */
  due: number;
  /** Checked, on time or late. */
  done: number;
  /** done / (done + missed): of what was due and is settled, the share done. Null when nothing is settled. */
  rate: number | null;
  /** on_time / (done + missed). */
  onTimeRate: number | null;
}

export function emptyTally(): Tally {
  return { not_due: 0, pending: 0, overdue: 0, on_time: 0, late: 0, missed: 0 };
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function statsOf(t: Tally): Stats {
  const done = t.on_time + t.late;
  const settled = done + t.missed;
  return { ...t, due: done + t.missed + t.pending + t.overdue, done, rate: ratio(done, settled), onTimeRate: ratio(t.on_time, settled) };
}
