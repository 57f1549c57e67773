/** The toolbar badge: how many items are due next (reminders.ts dueNextCount), from the local database. */
import { browser } from 'wxt/browser';
import { localCalendar, type PanelDb } from './db';
import { enrolmentItem } from './enrolment';
import { dueNextCount } from './reminders';
import { checkLookup, todayView } from './today';

async function dueNextNow(db: PanelDb, now: number): Promise<number> {
  if (!(await enrolmentItem.getValue())?.unit) return 0;
  const [duties, checks, calendar] = await Promise.all([db.duties.toArray(), db.dutyChecks.toArray(), localCalendar(db)]);
  return dueNextCount(todayView(duties, checkLookup(checks), now, calendar), now);
}

export async function updateBadge(db: PanelDb, now: number): Promise<void> {
  const remaining = await dueNextNow(db, now);
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action) return;
  await action.setBadgeText({ text: remaining > 0 ? String(remaining) : '' });
  await action.setBadgeBackgroundColor({ color: '#c62828' });
}
