/** Reminder times (提醒时间), stored for the background, which reschedules its alarms when they change. */
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_REMINDER_SETTINGS, LEAD_MINUTES, type ReminderSettings } from '../../lib/reminders';
import { reminderSettingsItem } from '../../lib/settings';
import { t } from '../../lib/i18n';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function ReminderSettingsForm() {
  const [settings, setSettings] = useState<ReminderSettings | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    reminderSettingsItem.getValue().then(setSettings);
  }, []);
  if (!settings) return null;
  const set = (change: Partial<ReminderSettings>) => {
    setSettings({ ...settings, ...change });
    setSaved(null);
  };
  async function save(e: Event) {
    e.preventDefault();
    if (![settings!.morning, settings!.afternoon].every((v) => HHMM.test(v))) return setSaved(t('timeInvalid'));
    const lead = settings!.leadMinutes;
    if (!Number.isInteger(lead) || lead < LEAD_MINUTES.min || lead > LEAD_MINUTES.max) return setSaved(t('leadInvalid', LEAD_MINUTES.min, LEAD_MINUTES.max));
    await reminderSettingsItem.setValue(settings!);
    setSaved(t('saved'));
  }
  return (
    <section>
      <h2>{t('remindersTitle')}</h2>
      <form onSubmit={save} data-testid="reminder-settings">
        <label>
          <input type="checkbox" checked={settings.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} /> {t('remindersEnabled')}
        </label>
        <label>
          {t('reminderMorning')}
          <input inputMode="numeric" placeholder="09:30" maxLength={5} data-testid="reminder-morning" value={settings.morning} onInput={(e) => set({ morning: e.currentTarget.value })} />
        </label>
        <label>
          {t('reminderAfternoon')}
          <input inputMode="numeric" placeholder="09:30" maxLength={5} data-testid="reminder-afternoon" value={settings.afternoon} onInput={(e) => set({ afternoon: e.currentTarget.value })} />
        </label>
        <label>
          {t('reminderLead')}
          <input type="number" min={LEAD_MINUTES.min} max={LEAD_MINUTES.max} data-testid="reminder-lead" value={settings.leadMinutes} onInput={(e) => set({ leadMinutes: Number(e.currentTarget.value) })} />
        </label>
        <button type="submit">{t('save')}</button>{' '}
        <button type="button" class="link" onClick={() => set(DEFAULT_REMINDER_SETTINGS)}>
          {t('restoreDefaults')}
        </button>
        {saved ? <span class="notice" role="status"> {saved}</span> : null}
      </form>
    </section>
  );
}
