/** A unit's day: each item due that day (and that week's sweep), done or not, by whom and when; its issues. */
import { useState } from 'preact/hooks';
import type { Api } from '../../lib/api';
import { useCall } from '../useCall';
import type { Completion, IssueListed } from './types';
import { Heatmap } from './Heatmap';
import { IssueRows } from './IssueRows';
import { IssueHistory } from './IssueHistory';
import { CATEGORY_NAMES, type Category } from '../../../shared/categories';
import { DUTY_STATUS_NAMES } from '../../../shared/metrics';
import { dateLabel, dateTimeLabel, monthDay } from '../../../shared/labels';
import { timeOfDay } from '../../../shared/calendar';

interface Props {
  api: Api;
  unitId: string;
  date: string;
  recent: Completion | undefined;
  onDate(date: string): void;
}

export function UnitDetail({ api, unitId, date, recent, onDate }: Props) {
  const day = useCall(() => api.report.unitDay.query({ unitId, date }), [api, unitId, date]);
  const [open, setOpen] = useState<IssueListed | null>(null);
  return (
    <section data-testid="unit-detail">
      {recent ? <Heatmap report={recent} unitIds={[unitId]} onPick={(_, d) => onDate(d)} /> : null}
      <label class="inline">
        日期
        <input type="date" value={date} data-testid="unit-date" onChange={(e) => onDate((e.target as HTMLInputElement).value)} />
      </label>
      {day.error ? <p class="error">{day.error}</p> : null}
      {day.data ? (
        <>
          <h3>
            {day.data.unit.name} · {dateLabel(date)}
          </h3>
          <table data-testid="day-items">
            <thead>
              <tr>
                <th>事项</th>
                <th>类别</th>
                <th>截止</th>
                <th>状态</th>
                <th>完成人</th>
                <th>完成时间</th>
              </tr>
            </thead>
            <tbody>
              {day.data.items.map((item) => (
                <tr key={item.dutyId} data-testid={`item-${item.dutyId}`} class={`status-${item.status}`}>
                  <td>
                    {item.title}
                    {item.cadence === 'weekly' ? <span class="muted">（每周）</span> : null}
                  </td>
                  <td>{CATEGORY_NAMES[item.category as Category]}</td>
                  <td>{item.dueAt === null ? '—' : item.cadence === 'weekly' ? `${monthDay(item.dueDate!)} ${timeOfDay(item.dueAt)}` : timeOfDay(item.dueAt)}</td>
                  <td class="status">{DUTY_STATUS_NAMES[item.status]}</td>
                  <td>{item.checkedByName ?? ''}</td>
                  <td>{item.checkedAt === null ? '' : dateTimeLabel(item.checkedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>本单位问题</h3>
          <IssueRows issues={day.data.issues} onOpen={setOpen} />
          {open ? <IssueHistory api={api} issue={open} onClose={() => setOpen(null)} /> : null}
        </>
      ) : day.error ? null : (
        <p class="muted">正在读取…</p>
      )}
    </section>
  );
}
