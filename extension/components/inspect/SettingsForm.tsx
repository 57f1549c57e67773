/** 督查设置 (command center): rectification deadlines per category, inspection cadence, escalation step, duplicate window, 回头看 days. */
import { useState } from 'preact/hooks';
import { errorMessage } from '../../lib/api';
import { CATEGORIES, CATEGORY_NAMES, type Category } from '../../../shared/categories';
import type { SupervisionSettings } from '../../../shared/supervision';
import { DAY_COUNTS, DAY_COUNT_NAMES, type DayCount, type DeadlineCounting } from '../../../shared/deadlines';
import type { Session } from '../useSession';

type Settings = SupervisionSettings & { deadlineDays: Record<Category, number>; deadlineCounting: DeadlineCounting };

const GENERAL: [keyof SupervisionSettings, string][] = [
  ['inspectionEveryDays', '每个片区督查周期（天）'],
  ['escalateEveryDays', '超时后每隔几天升级一级'],
  ['duplicateWindowDays', '重复问题比对范围（天）'],
  ['recheckAfterDays', '整改后几天回头看'],
];

export function SettingsForm({ session, initial, onDone }: { session: Session; initial: Settings; onDone(message: string): void }) {
  const [s, setS] = useState<Settings>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.api.supervision.setSettings.mutate(s);
      onDone('设置已保存，新的整改时限从下一次交办起生效');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const num = (value: number, change: (n: number) => void, testId: string) => (
    <input type="number" min={1} max={90} step={1} data-testid={testId} value={value} onInput={(e) => change(Number(e.currentTarget.value))} />
  );
  return (
    <form data-testid="settings-form" onSubmit={submit}>
      <fieldset>
        <legend>整改时限（交办后天数，按工作日或自然日）</legend>
        {CATEGORIES.map((c) => (
          <label key={c}>
            {CATEGORY_NAMES[c]}
            {num(s.deadlineDays[c], (n) => setS({ ...s, deadlineDays: { ...s.deadlineDays, [c]: n } }), `deadline-${c}`)}
            <select data-testid={`deadline-count-${c}`} value={s.deadlineCounting[c]} onChange={(e) => setS({ ...s, deadlineCounting: { ...s.deadlineCounting, [c]: e.currentTarget.value as DayCount } })}>
              {DAY_COUNTS.map((k) => (
                <option key={k} value={k}>{DAY_COUNT_NAMES[k]}</option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>督查与升级</legend>
        {GENERAL.map(([key, label]) => (
          <label key={key}>{label}{num(s[key], (n) => setS({ ...s, [key]: n }), `setting-${key}`)}</label>
        ))}
      </fieldset>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>{busy ? '正在保存…' : '保存设置'}</button>
    </form>
  );
}
