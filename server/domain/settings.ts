/**
 * The county's settings, one store: rectification deadlines per category (and how they count days) and the
 * supervision settings (inspection cadence, escalation step, duplicate window, 回头看 days). Each is a row of
 * `settings` holding a record over its defaults; a change to any of them is saved in one transaction with a
 * settings.changed event per row it changes, so every saved setting says who and when.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { settings } from '../db/schema';
import { DEFAULT_DEADLINE_DAYS } from '../../shared/categories';
import { DEFAULT_DEADLINE_COUNTING, deadlineRules, type DeadlineCounting, type DeadlineDays, type DeadlineRules } from '../../shared/deadlines';
import { DEFAULT_SUPERVISION_SETTINGS, type SupervisionSettings } from '../../shared/supervision';
import { loadCalendar } from './calendar';
import type { PayloadOf } from '../../shared/schemas/events';
import { recordAdminEvent, type AdminActor } from './adminEvents';

type SettingValue = PayloadOf<'settings.changed'>['value'];

// Every push reads the deadline settings: the statement is prepared once per connection, not built per read.
const settingQueries = new WeakMap<Db, ReturnType<typeof prepareSettingQuery>>();

function prepareSettingQuery(db: Db) {
  return db.select().from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare();
}

/** A settings row holding a record over its defaults: read with the defaults filled in, changed in part. */
function recordSetting<T extends object>(key: string, defaults: T) {
  const read = (db: Db): T => {
    let query = settingQueries.get(db);
    if (!query) settingQueries.set(db, (query = prepareSettingQuery(db)));
    const row = query.get({ key });
    return { ...defaults, ...((row?.value as Partial<T> | undefined) ?? {}) };
  };
  /** Writes the changed record and its settings.changed event; the caller holds the transaction. */
  const write = (db: Db, change: Partial<T>, by: AdminActor, at: number): void => {
    const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    const value = { ...read(db), ...defined } as SettingValue;
    db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    recordAdminEvent(db, { kind: 'settings.changed', payload: { key, value }, by, at });
  };
  return { read, write };
}

const days = recordSetting<DeadlineDays>('deadlineDays', DEFAULT_DEADLINE_DAYS);
const counting = recordSetting<DeadlineCounting>('deadlineCounting', DEFAULT_DEADLINE_COUNTING);
const supervision = recordSetting<SupervisionSettings>('supervision', DEFAULT_SUPERVISION_SETTINGS);

/** Rectification deadlines per category, as the command center set them (defaults where it has not). */
export const deadlineDays = days.read;
/** Per category, whether its 时限 counts calendar days or working days (calendar days where not set). */
export const deadlineCounting = counting.read;
/** Inspection cadence, escalation step, duplicate window, 回头看 days. */
export const supervisionSettings = supervision.read;

export type CountySettings = SupervisionSettings & { deadlineDays: DeadlineDays; deadlineCounting: DeadlineCounting };
export type SettingsChange = Partial<SupervisionSettings> & { deadlineDays?: Partial<DeadlineDays>; deadlineCounting?: Partial<DeadlineCounting> };

/** Every setting as it stands: what the 督查设置 form shows and everyone may read. */
export function countySettings(db: Db): CountySettings {
  return { deadlineDays: deadlineDays(db), deadlineCounting: deadlineCounting(db), ...supervisionSettings(db) };
}

/** Saves a change to any settings in one transaction (all of it or none); rows the change leaves out are not written. */
export function saveSettings(db: Db, change: SettingsChange, by: AdminActor, at: number): CountySettings {
  const { deadlineDays: dayChange, deadlineCounting: countingChange, ...general } = change;
  db.transaction(() => {
    // Nested writes through `db` run inside this transaction: better-sqlite3 has one connection and one transaction.
    if (dayChange) days.write(db, dayChange, by, at);
    if (countingChange) counting.write(db, countingChange, by, at);
    if (Object.values(general).some((v) => v !== undefined)) supervision.write(db, general, by, at);
  });
  return countySettings(db);
}

/** The deadline settings over the county calendar as they stand (pass the calendar if already loaded): how 时限 are set and counted now. */
export function deadlineRulesOf(db: Db, calendar = loadCalendar(db)): DeadlineRules {
  return deadlineRules(deadlineDays(db), deadlineCounting(db), calendar);
}
