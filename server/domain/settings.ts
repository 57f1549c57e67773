import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { settings } from '../db/schema';
import { DEFAULT_DEADLINE_DAYS } from '../../shared/categories';
import { DEFAULT_DEADLINE_COUNTING, deadlineRules, type DeadlineCounting, type DeadlineDays, type DeadlineRules } from '../../shared/deadlines';
import { loadCalendar } from './calendar';
import type { PayloadOf } from '../../shared/schemas/events';
import { recordAdminEvent, type AdminActor } from './adminEvents';

/** Writes one setting and its settings.changed event in one transaction: every saved setting says who and when. */
export function saveSetting(db: Db, key: string, value: PayloadOf<'settings.changed'>['value'], by: AdminActor, at: number): void {
  db.transaction((tx) => {
    tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    recordAdminEvent(tx as unknown as Db, { kind: 'settings.changed', payload: { key, value }, by, at });
  });
}

const DEADLINE_KEY = 'deadlineDays';
const COUNTING_KEY = 'deadlineCounting';

/** Rectification deadlines per category, as the command center set them (defaults where it has not). */
export function deadlineDays(db: Db): DeadlineDays {
  const row = db.select().from(settings).where(eq(settings.key, DEADLINE_KEY)).get();
  return { ...DEFAULT_DEADLINE_DAYS, ...((row?.value as Partial<DeadlineDays> | undefined) ?? {}) };
}

/** Saves the deadline days and records the change (who, when, the new value) in the ledger. */
export function setDeadlineDays(db: Db, days: Partial<DeadlineDays>, by: AdminActor, at: number): void {
  const value = { ...deadlineDays(db), ...days };
  saveSetting(db, DEADLINE_KEY, value, by, at);
}

/** Per category, whether its 时限 counts calendar days or working days (calendar days where not set). */
export function deadlineCounting(db: Db): DeadlineCounting {
  const row = db.select().from(settings).where(eq(settings.key, COUNTING_KEY)).get();
  return { ...DEFAULT_DEADLINE_COUNTING, ...((row?.value as Partial<DeadlineCounting> | undefined) ?? {}) };
}

export function setDeadlineCounting(db: Db, counting: Partial<DeadlineCounting>, by: AdminActor, at: number): void {
  const value = { ...deadlineCounting(db), ...counting };
  saveSetting(db, COUNTING_KEY, value, by, at);
}

/** The deadline settings over the county calendar as they stand: how 时限 are set and counted now. */
export function deadlineRulesOf(db: Db): DeadlineRules {
  return deadlineRules(deadlineDays(db), deadlineCounting(db), loadCalendar(db));
}
