/** Units × days, each square coloured by the share of that day's items done; a click opens that unit's day. */
import { Fragment } from 'preact';
import type { Completion } from './types';
import { monthDay, weekdayName } from '../../../shared/labels';
import { weekdayOf } from '../../../shared/calendar';
import { heatColour } from './colours';
import { DUTY_STATUS_NAMES as S, FIGURE_NAMES as F } from '../../../shared/metrics';

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
      <span />
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
          {row.cells.map((c, i) => (
            <button
              type="button"
              class="heat-cell"
              key={`${row.unitId}-${i}`}
              style={{ background: heatColour(c) }}
              title={`${names.get(row.unitId)} ${monthDay(report.dates[i])}：${F.done}${c.done}，${S.missed}${c.missed}，${S.overdue}${c.overdue}，${S.pending}${c.pending}`}
              aria-label={`${names.get(row.unitId)} ${monthDay(report.dates[i])}`}
              onClick={() => onPick(row.unitId, report.dates[i])}
            />
          ))}
        </Fragment>
      ))}
    </div>
  );
}

export function HeatLegend() {
  const items: [string, string][] = [
    ['#1a7f37', '≥95%'],
    ['#4caf50', '85–95%'],
    ['#c0ca33', '70–85%'],
    ['#ffb300', '50–70%'],
    ['#e53935', '<50%'],
    ['#cfe3ff', S.pending],
    ['#eef1f4', '无事项'],
  ];
  return (
    <p class="legend">
      {items.map(([colour, label]) => (
        <span key={label}>
          <i style={{ background: colour }} />
          {label}
        </span>
      ))}
    </p>
  );
}
