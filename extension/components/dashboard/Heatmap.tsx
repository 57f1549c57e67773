/**
 * Units × days, each square coloured (and, when poor, marked) by the share of that day's items done; a click opens
 * that unit's day. A unit's name is cut short on screen only: its text (read by screen readers) and title are whole.
 */
import { Fragment } from 'preact';
import type { Completion } from './types';
import { monthDay, percentLabel, weekdayName } from '../../../shared/labels';
import { weekdayOf } from '../../../shared/calendar';
import { HEAT_BANDS, HEAT_EMPTY, HEAT_PENDING, heatLook } from './colours';
import { completionRate, DUTY_STATUS_NAMES as S, FIGURE_NAMES as F } from '../../../shared/metrics';

interface Props {
  report: Completion;
  /** Only these units (a zone's), in this order; all of the report's by default. */
  unitIds?: string[];
  onPick(unitId: string, date: string): void;
}

export function Heatmap({ report, unitIds, onPick }: Props) {
  if (!report.heat) return null;
  const names = new Map(report.byUnit.map((u) => [u.unitId, u.unitName]));
  const rows = unitIds ? report.heat.filter((r) => unitIds.includes(r.unitId)) : report.heat;
  return (
    <div class="heatmap" data-testid="heatmap" style={{ gridTemplateColumns: `9em repeat(${report.dates.length}, 1fr)` }}>
      <span class="heat-corner" />
      {report.dates.map((d) => (
        <span class={`heat-date${weekdayOf(d) >= 6 ? ' weekend' : ''}`} key={d} title={`${monthDay(d)} ${weekdayName(weekdayOf(d))}`}>
          {Number(d.slice(8))}
        </span>
      ))}
      {rows.map((row) => (
        <Fragment key={row.unitId}>
          <span class="heat-unit" title={names.get(row.unitId)}>
            {names.get(row.unitId)}
          </span>
          {row.cells.map((c, i) => {
            const look = heatLook(c);
            const what = `${names.get(row.unitId)} ${monthDay(report.dates[i])} ${F.rate}${percentLabel(completionRate(c))}`;
            return (
              <button
                type="button"
                class="heat-cell"
                key={`${row.unitId}-${i}`}
                style={{ background: look.colour }}
                title={`${what}：${F.done}${c.done}，${S.missed}${c.missed}，${S.overdue}${c.overdue}，${S.pending}${c.pending}`}
                aria-label={what}
                onClick={() => onPick(row.unitId, report.dates[i])}
              >
                {look.mark}
              </button>
            );
          })}
        </Fragment>
      ))}
    </div>
  );
}

export function HeatLegend() {
  const items = [...HEAT_BANDS, { ...HEAT_PENDING, label: S.pending }, { ...HEAT_EMPTY, label: '无事项' }];
  return (
    <p class="legend">
      {items.map(({ colour, mark, label }) => (
        <span key={label}>
          <i style={{ background: colour }} aria-hidden="true">
            {mark}
          </i>
          {label}
        </span>
      ))}
    </p>
  );
}
