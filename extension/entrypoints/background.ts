/*
 * The background: syncs (when a page asks after a local change, every half minute, when the network comes back,
 * and at the retry time a failed run set, while this worker lives),
 * keeps the badge and the reminders, and sets up the toolbar button. The logic lives in lib/.
 */
import type { BackgroundDefinition } from 'wxt';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { checkAlerts } from '../lib/alerts';
import { updateBadge } from '../lib/badge';
import { panelDb } from '../lib/db';
import { enrolmentItem } from '../lib/enrolment';
import { SYNC_NOW, type SyncNowMessage } from '../lib/messages';
import { openPanel, setUpActionButton } from '../lib/panelOpening';
import { isReminderAlarm, isReminderNotification, onReminderAlarm, scheduleReminders, snooze } from '../lib/reminderAlarms';
import { reminderSettingsItem } from '../lib/settings';
import { createSyncService } from '../lib/syncService';

const TICK = 'sync-tick';
const ALERTS_EVERY = 5 * 60_000;

// Annotated because the extension's project emits declarations and the inferred type is not portable.
const background: BackgroundDefinition = defineBackground(() => {
  const now = () => Date.now();
  const db = panelDb();
  const service = createSyncService(db, now);
  let lastAlertsAt = 0;

  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  async function syncAndBadge(force: boolean) {
    const outcome = await service.sync(force).catch((e) => console.error('同步出错', e));
    await updateBadge(db, now()).catch(() => undefined);
    // What is ticked and the calendar may have changed: the next 到时提醒 with them.
    await scheduleReminders(db, now()).catch(() => undefined);
    // A short probe while this worker is alive; if it is stopped first, the alarm or an open panel retries.
    clearTimeout(retryTimer);
    if (outcome && outcome.state === 'failed' && outcome.retryAt !== null) {
      retryTimer = setTimeout(() => void syncAndBadge(false), Math.max(0, outcome.retryAt - now()));
    }
    return outcome ?? null;
  }

  browser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as Partial<SyncNowMessage> | null;
    if (m?.type === SYNC_NOW) return syncAndBadge(m.force !== false);
    return undefined;
  });

  // 30 s is the shortest period Chrome allows an extension's alarm.
  browser.alarms.create(TICK, { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name === TICK) {
      await syncAndBadge(false);
      if (now() - lastAlertsAt > ALERTS_EVERY) {
        lastAlertsAt = now();
        await checkAlerts().catch(() => undefined);
      }
    } else if (isReminderAlarm(alarm.name)) {
      await onReminderAlarm(db, alarm.name, now());
    }
  });
  self.addEventListener('online', () => void syncAndBadge(true));

  browser.notifications.onClicked.addListener((id) => {
    if (isReminderNotification(id)) void browser.notifications.clear(id).then(openPanel);
  });
  browser.notifications.onButtonClicked.addListener((id) => {
    if (isReminderNotification(id)) void snooze(id, now());
  });

  reminderSettingsItem.watch(() => void scheduleReminders(db, now()));
  enrolmentItem.watch(() => void syncAndBadge(true));

  // Every start of the worker: the next reminder times are recomputed from the settings (idempotent).
  void scheduleReminders(db, now());
  void setUpActionButton();
  void syncAndBadge(false);
});

export default background;
