import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { settings } from '../db/schema';
import { DEFAULT_DEADLINE_DAYS } from '../../shared/categories';
import { DEFAULT_DEADLINE_COUNTING, deadlineRules, type DeadlineCounting, type DeadlineDays, type DeadlineRules } from '../../shared/deadlines';
import { loadCalendar } from './calendar';

const DEADLINE_KEY = 'deadlineDays';
const COUNTING_KEY = 'deadlineCounting';

/** Rectification deadlines per category, as the command center set them (defaults where it has not). */
export function deadlineDays(db: Db): DeadlineDays {
  const row = db.select().from(settings).where(eq(settings.key, DEADLINE_KEY)).get();
  return { ...DEFAULT_DEADLINE_DAYS, ...((row?.value as Partial<DeadlineDays> | undefined) ?? {}) };
}

export function setDeadlineDays(db: Db, days: Partial<DeadlineDays>): void {
  const value = { ...deadlineDays(db), ...days };
  db.insert(settings).values({ key: DEADLINE_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

/** Per category, whether its 时限 counts calendar days or working days (calendar days where not set). */
export function deadlineCounting(db: Db): DeadlineCounting {
  const row = db.select().from(settings).where(eq(settings.key, COUNTING_KEY)).get();
  return { ...DEFAULT_DEADLINE_COUNTING, ...((row?.value as Partial<DeadlineCounting> | undefined) ?? {}) };
}

export function setDeadlineCounting(db: Db, counting: Partial<DeadlineCounting>): void {
  const value = { ...deadlineCounting(db), ...counting };
  db.insert(settings).values({ key: COUNTING_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

/** The deadline settings over the county calendar as they stand: how 时限 are set and counted now. */
export function deadlineRulesOf(db: Db): DeadlineRules {
  return deadlineRules(deadlineDays(db), deadlineCounting(db), loadCalendar(db));
}
