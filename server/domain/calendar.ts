/*
 * The server's copy of the county calendar: the calendar_days projection (the latest calendar.day_set per date)
 * turned into a shared Calendar. Every push and report asks for it, and it changes a few times a year, so it is
 * cached per database and re-read only when the largest seq in calendar_days moves (one read of a tiny table).
 */
import { asc, max } from 'drizzle-orm';
import type { Db } from '../db/open';
import { calendarDays } from '../db/schema';
import { makeCalendar, type Calendar } from '../../shared/calendar';

const cache = new WeakMap<Db, { version: number; calendar: Calendar }>();
// Prepared once per connection: building the query each time cost more than running it (every push asks).
const versionQueries = new WeakMap<Db, ReturnType<typeof prepareVersionQuery>>();

function prepareVersionQuery(db: Db) {
  return db.select({ v: max(calendarDays.seq) }).from(calendarDays).prepare();
}

export function loadCalendar(db: Db): Calendar {
  let query = versionQueries.get(db);
  if (!query) versionQueries.set(db, (query = prepareVersionQuery(db)));
  const version = query.get()?.v ?? 0;
  const cached = cache.get(db);
  if (cached && cached.version === version) return cached.calendar;
  const calendar = makeCalendar(calendarEntries(db));
  cache.set(db, { version, calendar });
  return calendar;
}

/** The county's latest entry for each date it ever set (kind 'cleared': back to the package), with who and when. */
export function calendarEntries(db: Db) {
  return db.select().from(calendarDays).orderBy(asc(calendarDays.date)).all();
}
