/*
 * 节假日安排 (the command center's screen): what the county calendar says for a year, day by day and where each
 * answer comes from; one entry at a time or a pasted list (format in shared/holidays.ts and docs/calendar.md).
 * Each entry is a calendar.day_set event recorded through the outbox like every other write, so it shows here
 * at once, reaches the server when it can, and from there every device.
 */
import { useState } from 'preact/hooks';
import { dateKeyOf } from '../../../shared/calendar';
import { dateLabel, dateTimeLabel } from '../../../shared/labels';
import { DAY_SOURCE_NAMES, ENTRY_KIND_NAMES, missingScheduleNotice, missingScheduleYears, parseSchedule, yearListing } from '../../../shared/holidays';
import { COUNTY_WIDE } from '../../../shared/schemas/events';
import type { CountyEntry } from '../../../shared/calendar';
import { localCalendar, panelDb } from '../../lib/db';
import { record } from '../../lib/ledger';
import { requestSync } from '../../lib/messages';
import type { Enrolment } from '../../lib/enrolment';
import { useLiveQuery } from '../useLiveQuery';
import { DateField } from '../DateField';

const KINDS = Object.keys(ENTRY_KIND_NAMES) as CountyEntry['kind'][];
const STATE_NAMES = { rest: '休息', work: '上班', local_rest: '地方休息日' } as const;

/** `now`: the page's time of its last refresh (which year is next); `clock`: the time an entry is made. */
export function CalendarPage({ enrolment, now, clock }: { enrolment: Enrolment; now: number; clock(): number }) {
  const db = panelDb();
  const thisYear = Number(dateKeyOf(now).slice(0, 4));
  const [year, setYear] = useState(thisYear + 1);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const data = useLiveQuery(async () => {
    const [calendar, rows, waiting] = await Promise.all([
      localCalendar(db),
      db.calendarDays.toArray(),
      db.outbox.filter((o) => o.event.kind === 'calendar.day_set').toArray(),
    ]);
    return { calendar, entryOf: new Map(rows.map((r) => [r.date, r])), waiting };
  });

  async function enter(entries: CountyEntry[]) {
    const who = { personId: enrolment.personId, unitId: COUNTY_WIDE };
    for (const payload of entries) await record(db, who, { kind: 'calendar.day_set', payload }, clock());
    void requestSync();
    setMessage({ text: `已录入${entries.length}天，正在同步到服务器和各单位`, error: false });
  }

  if (!data) return <p class="muted">正在读取…</p>;
  const listing = yearListing(data.calendar, year);
  const rejected = data.waiting.filter((o) => o.state === 'rejected');
  return (
    <section data-testid="calendar-page">
      <div class="controls no-print">
        <label class="inline">
          年份
          <select data-testid="calendar-year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
            {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
              <option key={y} value={y}>{y}年</option>
            ))}
          </select>
        </label>
        <span data-testid="calendar-basis" class={listing.hasSchedule ? 'muted' : 'error'}>{listing.basis}</span>
        {data.waiting.length > rejected.length ? <span class="muted">（{data.waiting.length - rejected.length}条待同步）</span> : null}
      </div>
      {rejected.map((o) => (
        <p class="error" key={o.id}>未被服务器接受：{o.lastError}</p>
      ))}
      <EntryForm key={year} onEnter={enter} defaultDate={`${year}-01-01`} />
      <ImportForm onEnter={enter} onError={(text) => setMessage({ text, error: true })} />
      {message ? <p class={message.error ? 'error' : 'notice'} role="status" data-testid="calendar-message" style={{ whiteSpace: 'pre-line' }}>{message.text}</p> : null}
      <table data-testid="calendar-days">
        <thead>
          <tr><th>日期</th><th>安排</th><th>名称</th><th>来源</th><th>录入</th></tr>
        </thead>
        <tbody>
          {listing.days.map((d) => {
            const entry = data.entryOf.get(d.date);
            return (
              <tr key={d.date} data-testid={`calendar-${d.date}`}>
                <td>{dateLabel(d.date)}</td>
                <td>{d.kind === 'local_rest' ? STATE_NAMES.local_rest : d.working ? STATE_NAMES.work : STATE_NAMES.rest}</td>
                <td>{d.name}</td>
                <td>{DAY_SOURCE_NAMES[d.source]}</td>
                <td class="muted">{entry && entry.kind !== 'cleared' ? `${entry.setBy === enrolment.personId ? enrolment.name : '指挥部'} ${dateTimeLabel(entry.setAt)}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function EntryForm({ onEnter, defaultDate }: { onEnter(entries: CountyEntry[]): Promise<void>; defaultDate: string }) {
  const [date, setDate] = useState(defaultDate);
  const [kind, setKind] = useState<CountyEntry['kind']>('rest');
  const [name, setName] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const parsed = parseSchedule(`${date} ${ENTRY_KIND_NAMES[kind]} ${name}`);
    if (parsed.ok) await onEnter(parsed.entries);
  };
  return (
    <form class="controls no-print" onSubmit={submit} data-testid="calendar-entry">
      <label class="inline">日期<DateField required value={date} testId="calendar-date" onChange={setDate} /></label>
      <label class="inline">
        安排
        <select value={kind} data-testid="calendar-kind" onChange={(e) => setKind(e.currentTarget.value as CountyEntry['kind'])}>
          {KINDS.map((k) => (
            <option key={k} value={k}>{ENTRY_KIND_NAMES[k]}</option>
          ))}
        </select>
      </label>
      <label class="inline">名称<input maxLength={20} placeholder="如：元旦、三月三" value={name} data-testid="calendar-name" onInput={(e) => setName(e.currentTarget.value)} /></label>
      <button type="submit" data-testid="calendar-enter">录入</button>
    </form>
  );
}

function ImportForm({ onEnter, onError }: { onEnter(entries: CountyEntry[]): Promise<void>; onError(text: string): void }) {
  const [text, setText] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const parsed = parseSchedule(text);
    if (!parsed.ok) return onError(`未录入，请修改后再导入：\n${parsed.errors.join('\n')}`);
    await onEnter(parsed.entries);
    setText('');
  };
  return (
    <form class="controls no-print" onSubmit={submit} data-testid="calendar-import">
      <label style={{ flex: 1 }}>
        按国务院办公厅通知批量录入，每行一条：日期 类型 名称（类型为 休、班、地方休 或 撤销；日期可写成 2027-02-05~2027-02-11）
        <textarea rows={6} style={{ width: '100%', font: 'inherit' }} placeholder={'2027-01-01 休 元旦\n2027-02-20 班 春节调休\n2027-04-09 地方休 三月三'} value={text} data-testid="calendar-lines" onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <button type="submit" data-testid="calendar-import-submit">导入</button>
    </form>
  );
}

/** The command center's reminder at the top of the dashboard: a year whose schedule should be entered by now is not. */
export function ScheduleNotice({ now, onOpen }: { now: number; onOpen(): void }) {
  const calendar = useLiveQuery(() => localCalendar(panelDb()));
  const years = calendar ? missingScheduleYears(calendar, now) : [];
  if (years.length === 0) return null;
  return (
    <p class="error no-print" role="alert" data-testid="schedule-notice">
      {years.map(missingScheduleNotice).join('；')}，日历暂按法定节日估算，调休上班日无法估算。
      <button type="button" class="link" onClick={onOpen}>
        去录入
      </button>
    </p>
  );
}
