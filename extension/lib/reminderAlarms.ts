/*
 * Reminders in the browser: alarms named after each reminder (set from the planner, reminders.ts), a
 * notification when one goes off with something undone, 稍后提醒（30分钟）, and a click that opens the panel.
 * The 到时提醒 alarm depends on what is ticked and on the calendar, so the background sets the alarms again
 * after every sync as well as when the settings change.
 */
import { browser } from 'wxt/browser';
import { timeOfDay } from '../../shared/calendar';
import { localCalendar, type PanelDb } from './db';
import { enrolmentItem } from './enrolment';
import { REMINDER_KINDS, SNOOZE_MS, decideReminder, nextReminderTimes, type ReminderKind, type ReminderNotice } from './reminders';
import { reminderSettingsItem } from './settings';
import { checkLookup } from './today';

const ALARM_PREFIX = 'reminder:';
const SNOOZE_PREFIX = 'snooze:';
const NOTIFICATION_PREFIX = 'reminder:';

export function isReminderAlarm(name: string): boolean {
  return name.startsWith(ALARM_PREFIX) || name.startsWith(SNOOZE_PREFIX);
}

/** What the planner needs from the local database: the duty list, the checks and the synced calendar. */
async function localState(db: PanelDb) {
  const [duties, checks, calendar] = await Promise.all([db.duties.orderBy('position').toArray(), db.dutyChecks.toArray(), localCalendar(db)]);
  return { duties, lookup: checkLookup(checks), calendar };
}

/** (Re)sets the reminder alarms from the settings and the local state; clears them when reminders are off. */
export async function scheduleReminders(db: PanelDb, now: number): Promise<void> {
  const settings = await reminderSettingsItem.getValue();
  for (const kind of REMINDER_KINDS) await browser.alarms.clear(ALARM_PREFIX + kind);
  if (!settings.enabled || !(await enrolmentItem.getValue())?.unit) return;
  const { duties, lookup, calendar } = await localState(db);
  const times = nextReminderTimes(now, settings, duties, lookup, calendar);
  for (const kind of REMINDER_KINDS) {
    if (Number.isFinite(times[kind])) await browser.alarms.create(ALARM_PREFIX + kind, { when: times[kind] });
  }
}

export function noticeText(n: ReminderNotice): { title: string; message: string } {
  const list = n.titles.slice(0, 3).join('、') + (n.titles.length > 3 ? '等' : '');
  switch (n.kind) {
    case 'due':
      return { title: `${n.remaining} 项事项 ${timeOfDay(n.dueAt!)} 到时，尚未完成`, message: list };
    case 'morning':
      return { title: '今日保洁还没开始', message: `今天有 ${n.remaining} 项待完成：${list}` };
    case 'afternoon':
      return { title: `今日还有 ${n.remaining} 项未完成`, message: list };
  }
}

const ICON = 'icon/128.png';

/** An alarm went off: notify if something is undone, then set the next one. */
export async function onReminderAlarm(db: PanelDb, name: string, now: number): Promise<ReminderNotice | null> {
  const kind = name.slice(name.indexOf(':') + 1) as ReminderKind;
  const notice = REMINDER_KINDS.includes(kind) && (await enrolmentItem.getValue())?.unit ? await decide(db, kind, now) : null;
  if (notice) {
    const { title, message } = noticeText(notice);
    await browser.notifications.create(NOTIFICATION_PREFIX + kind, {
      type: 'basic',
      iconUrl: browser.runtime.getURL(`/${ICON}`),
      title,
      message,
      buttons: [{ title: '稍后提醒（30分钟）' }],
      requireInteraction: true,
    });
  }
  if (name.startsWith(ALARM_PREFIX)) await scheduleReminders(db, now + 1000);
  return notice;
}

async function decide(db: PanelDb, kind: ReminderKind, now: number): Promise<ReminderNotice | null> {
  const { duties, lookup, calendar } = await localState(db);
  return decideReminder(kind, now, duties, lookup, await reminderSettingsItem.getValue(), calendar);
}

export async function snooze(notificationId: string, now: number): Promise<void> {
  const kind = notificationId.slice(NOTIFICATION_PREFIX.length);
  await browser.notifications.clear(notificationId);
  await browser.alarms.create(SNOOZE_PREFIX + kind, { when: now + SNOOZE_MS });
}

export function isReminderNotification(id: string): boolean {
  return id.startsWith(NOTIFICATION_PREFIX);
}
