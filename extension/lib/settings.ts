/** Settings a person changes on the options page, kept in extension storage (the background watches them). */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from './reminders';

export const reminderSettingsItem = storage.defineItem<ReminderSettings>('local:reminderSettings', { fallback: DEFAULT_REMINDER_SETTINGS });
