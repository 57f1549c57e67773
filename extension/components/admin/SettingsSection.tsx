/** 督查设置 in the dashboard: the same form as the inspect page's, for the command center. */
import { useState } from 'preact/hooks';
import { useCall } from '../useCall';
import { SettingsForm } from '../inspect/SettingsForm';
import type { AdminSectionProps } from './sections';

export function SettingsSection({ session }: AdminSectionProps) {
  const settings = useCall(() => session.api.supervision.settings.query(), [session.api]);
  const [message, setMessage] = useState<string | null>(null);
  if (settings.error) return <p class="error">{settings.error}</p>;
  if (!settings.data) return <p class="muted">正在读取…</p>;
  return (
    <div>
      {message ? <p class="notice" role="status">{message}</p> : null}
      <SettingsForm session={session} initial={settings.data} onDone={setMessage} />
    </div>
  );
}
