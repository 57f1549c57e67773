/**
 * A unit's day: each item due that day (and that week's sweep), done or not, by whom and when, and when an item
 * was ticked more than once, the whole sequence (who ticked, who unticked, when; late ticks marked); its issues.
 */
import { useState } from 'preact/hooks';
import type { Api } from '../../lib/api';
import { useCall } from '../useCall';
import type { Completion, IssueListed, UnitDay } from './types';
import { Heatmap } from './Heatmap';
import { IssueRows } from './IssueRows';
import { IssueHistory } from './IssueHistory';
import { CATEGORY_NAMES, type Category } from '../../../shared/categories';
import { DUTY_STATUS_NAMES } from '../../../shared/metrics';

const LATE = DUTY_STATUS_NAMES.late;
import { dateLabel, dateTimeLabel, monthDay } from '../../../shared/labels';
import { timeOfDay } from '../../../shared/calendar';
import { DateField } from '../DateField';

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
        <DateField value={date} testId="unit-date" onChange={onDate} />
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
                  <td>
                    {item.checkedAt === null ? '' : dateTimeLabel(item.checkedAt)}
                    {item.marks.length > 1 ? <MarkSequence marks={item.marks} /> : null}
                  </td>
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

/** 张三 08:30 勾选 → 李四 09:00 取消 → 张三 11:00 勾选（逾期） */
function MarkSequence({ marks }: { marks: UnitDay['items'][number]['marks'] }) {
  return (
    <ol class="marks" data-testid="marks">
      {marks.map((m, i) => (
        <li key={i}>
          {m.byName} {dateTimeLabel(m.at)} {m.checked ? '勾选' : '取消勾选'}
          {m.late ? <strong class="poor">（{LATE}）</strong> : null}
        </li>
      ))}
    </ol>
  );
}
