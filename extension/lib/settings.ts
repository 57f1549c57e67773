/** Settings a person changes on the options page, kept in extension storage (the background watches them). */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from './reminders';

export const reminderSettingsItem = storage.defineItem<ReminderSettings>('local:reminderSettings', {
  fallback: DEFAULT_REMINDER_SETTINGS,
  version: 2,
  // Version 1 had a Friday `weekly` time; the weekly sweep is now reminded before its own due time (leadMinutes).
  migrations: { 2: ({ weekly: _weekly, ...old }: ReminderSettings & { weekly?: string }) => ({ ...DEFAULT_REMINDER_SETTINGS, ...old }) },
});
