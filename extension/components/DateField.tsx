/**
 * A date field that reads 2026-11-27 whatever the browser's language. A native date input shows its value in
 * the browser's own format (10/31/2026 in an English Chrome), so the visible field is text: typed in any usual
 * way (shared/calendar.ts parseDateInput), checked, and kept as a date key. The calendar button opens the
 * browser's own picker on a hidden native input, so picking with the mouse still works.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { parseDateInput } from '../../shared/calendar';
import './dateField.css';

interface Props {
  value: string;
  onChange(dateKey: string): void;
  min?: string;
  max?: string;
  testId?: string;
  required?: boolean;
}

export function DateField({ value, onChange, min, max, testId, required }: Props) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  useEffect(() => setText(value), [value]);

  /** The date key typed, or why it cannot be taken. */
  const judge = (raw: string): { key: string } | { why: string } => {
    const key = parseDateInput(raw);
    if (!key) return { why: '请按“2026-11-27”的格式填写日期' };
    if (min && key < min) return { why: `日期不能早于 ${min}` };
    if (max && key > max) return { why: `日期不能晚于 ${max}` };
    return { key };
  };
  const take = (raw: string, settle: boolean) => {
    const verdict = judge(raw);
    if ('key' in verdict) {
      setError(null);
      if (settle) setText(verdict.key);
      if (verdict.key !== value) onChange(verdict.key);
    } else if (settle && (raw.trim() || required)) {
      setError(verdict.why);
    }
  };

  return (
    <span class="date-field">
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={11}
        placeholder="2026-11-27"
        value={text}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        data-testid={testId}
        onInput={(e) => {
          setText(e.currentTarget.value);
          take(e.currentTarget.value, false);
        }}
        onBlur={(e) => take(e.currentTarget.value, true)}
      />
      <button type="button" class="date-pick" aria-label="从日历中选择日期" title="从日历中选择日期" onClick={() => picker.current?.showPicker()}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
        </svg>
      </button>
      <input
        ref={picker}
        type="date"
        class="date-native"
        tabIndex={-1}
        aria-hidden="true"
        value={parseDateInput(text) ?? value}
        min={min}
        max={max}
        onChange={(e) => take(e.currentTarget.value, true)}
      />
      {error ? (
        <span class="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
