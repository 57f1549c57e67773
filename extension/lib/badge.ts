/** The toolbar badge: how many items are still to do today (and this week), from the local database. */
import { browser } from 'wxt/browser';
import { localCalendar, type PanelDb } from './db';
import { enrolmentItem } from './enrolment';
import { checkLookup, remainingCount, todayView } from './today';

export async function remainingNow(db: PanelDb, now: number): Promise<number> {
  if (!(await enrolmentItem.getValue())?.unit) return 0;
  const [duties, checks, calendar] = await Promise.all([db.duties.toArray(), db.dutyChecks.toArray(), localCalendar(db)]);
  return remainingCount(todayView(duties, checkLookup(checks), now, calendar));
}

export async function updateBadge(db: PanelDb, now: number): Promise<void> {
  const remaining = await remainingNow(db, now);
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action) return;
  await action.setBadgeText({ text: remaining > 0 ? String(remaining) : '' });
  await action.setBadgeBackgroundColor({ color: '#c62828' });
}
