/** Zones in lag order, the one furthest behind first; a click opens the zone. */
import type { Completion } from './types';
import { percentLabel } from '../../../shared/labels';
import { rateClass } from './colours';
import { DUTY_STATUS_NAMES as S, FIGURE_NAMES as F, lagOrder } from '../../../shared/metrics';

export function ZoneTable({ zones, onOpen }: { zones: Completion['byZone']; onOpen(zoneId: string): void }) {
  const ranked = [...zones].sort((a, b) => lagOrder(a, b) || a.zoneNumber - b.zoneNumber);
  return (
    <table data-testid="zone-table">
      <thead>
        <tr>
          <th>片区</th>
          <th>单位数</th>
          <th>{F.rate}</th>
          <th>{F.onTimeRate}</th>
          <th>{S.missed}</th>
          <th>{S.overdue}</th>
        </tr>
      </thead>
      <tbody>
        {ranked.map((z) => (
          <tr key={z.zoneId} data-testid={`zone-${z.zoneId}`}>
            <td>
              <button type="button" class="link" onClick={() => onOpen(z.zoneId)}>
                {z.zoneName}
              </button>
            </td>
            <td>{z.unitCount}</td>
            <td class={rateClass(z.rate)}>{percentLabel(z.rate)}</td>
            <td>{percentLabel(z.onTimeRate)}</td>
            <td class={z.missed ? 'poor' : ''}>{z.missed}</td>
            <td class={z.overdue ? 'poor' : ''}>{z.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
