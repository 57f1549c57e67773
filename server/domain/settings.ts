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

/** A settings row holding a record over its defaults: read with the defaults filled in, changed in part. */
function recordSetting<T extends object>(key: string, defaults: T) {
  const read = (db: Db): T => {
    const row = db.select().from(settings).where(eq(settings.key, key)).get();
    return { ...defaults, ...((row?.value as Partial<T> | undefined) ?? {}) };
  };
  /** Saves the change and records it (who, when, the new value) in the ledger. */
  const write = (db: Db, change: Partial<T>, by: AdminActor, at: number): void => {
    saveSetting(db, key, { ...read(db), ...change } as PayloadOf<'settings.changed'>['value'], by, at);
  };
  return { read, write };
}

const days = recordSetting<DeadlineDays>('deadlineDays', DEFAULT_DEADLINE_DAYS);
const counting = recordSetting<DeadlineCounting>('deadlineCounting', DEFAULT_DEADLINE_COUNTING);

/** Rectification deadlines per category, as the command center set them (defaults where it has not). */
export const deadlineDays = days.read;
export const setDeadlineDays = days.write;
/** Per category, whether its 时限 counts calendar days or working days (calendar days where not set). */
export const deadlineCounting = counting.read;
export const setDeadlineCounting = counting.write;

/** The deadline settings over the county calendar as they stand (pass the calendar if already loaded): how 时限 are set and counted now. */
export function deadlineRulesOf(db: Db, calendar = loadCalendar(db)): DeadlineRules {
  return deadlineRules(deadlineDays(db), deadlineCounting(db), calendar);
}
