/** Today, this week and the last 30 days at a glance: the share done, and what is missed or late. */
import type { Completion } from './types';
import { percentLabel } from '../../../shared/labels';
import { rateClass } from './colours';
import { DUTY_STATUS_NAMES as S, FIGURE_NAMES as F } from '../../../shared/metrics';

export interface Card {
  key: string;
  label: string;
  report: Completion | undefined;
}

export function SummaryCards({ cards }: { cards: Card[] }) {
  return (
    <div class="cards">
      {cards.map(({ key, label, report }) => (
        <section class="card" key={key} data-testid={`card-${key}`}>
          <h3>{label}</h3>
          {report && report.total.due === 0 ? (
            <p class="muted big-note">{label}没有需要完成的事项</p>
          ) : report ? (
            <>
              <p class={`big ${rateClass(report.total.rate)}`}>{percentLabel(report.total.rate)}</p>
              <p class="muted">
                {F.rate}（{F.done} {report.total.done} / {F.dueByNow} {report.total.dueByNow}）
              </p>
              <p>
                {S.on_time} {report.total.on_time} · {S.late} {report.total.late} · <span class="poor">{S.missed} {report.total.missed}</span>
                {report.total.overdue ? <span class="poor"> · {S.overdue} {report.total.overdue}</span> : null}
                {report.total.pending ? <span class="muted"> · {S.pending} {report.total.pending}</span> : null}
              </p>
            </>
          ) : (
            <p class="muted">正在统计…</p>
          )}
        </section>
      ))}
    </div>
  );
}
