/** Reminder times (提醒时间), stored for the background, which reschedules its alarms when they change. */
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_REMINDER_SETTINGS, LEAD_MINUTES, type ReminderSettings } from '../../lib/reminders';
import { reminderSettingsItem } from '../../lib/settings';

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
    if (![settings!.morning, settings!.afternoon].every((v) => HHMM.test(v))) return setSaved('时间格式应为 09:30');
    const lead = settings!.leadMinutes;
    if (!Number.isInteger(lead) || lead < LEAD_MINUTES.min || lead > LEAD_MINUTES.max) return setSaved(`提前提醒的分钟数应为 ${LEAD_MINUTES.min} 到 ${LEAD_MINUTES.max} 之间的整数`);
    await reminderSettingsItem.setValue(settings!);
    setSaved('已保存');
  }
  return (
    <section>
      <h2>提醒</h2>
      <form onSubmit={save} data-testid="reminder-settings">
        <label>
          <input type="checkbox" checked={settings.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} /> 开启提醒
        </label>
        <label>
          上午提醒（今日事项还没开始时）
          <input inputMode="numeric" placeholder="09:30" maxLength={5} data-testid="reminder-morning" value={settings.morning} onInput={(e) => set({ morning: e.currentTarget.value })} />
        </label>
        <label>
          下午提醒（今日还有事项未完成时）
          <input inputMode="numeric" placeholder="09:30" maxLength={5} data-testid="reminder-afternoon" value={settings.afternoon} onInput={(e) => set({ afternoon: e.currentTarget.value })} />
        </label>
        <label>
          截止前多少分钟提醒（对每个尚未完成的事项）
          <input type="number" min={LEAD_MINUTES.min} max={LEAD_MINUTES.max} data-testid="reminder-lead" value={settings.leadMinutes} onInput={(e) => set({ leadMinutes: Number(e.currentTarget.value) })} />
        </label>
        <button type="submit">保存</button>{' '}
        <button type="button" class="link" onClick={() => set(DEFAULT_REMINDER_SETTINGS)}>
          恢复默认
        </button>
        {saved ? <span class="notice" role="status"> {saved}</span> : null}
      </form>
    </section>
  );
}
