/** Zones ranked by completion; a click opens the zone. */
import type { Completion } from './types';
import { percentLabel } from '../../../shared/labels';
import { rateClass } from './colours';

export function ZoneTable({ zones, onOpen }: { zones: Completion['byZone']; onOpen(zoneId: string): void }) {
  const ranked = [...zones].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || b.missed - a.missed);
  return (
    <table data-testid="zone-table">
      <thead>
        <tr>
          <th>片区</th>
          <th>单位数</th>
          <th>完成率</th>
          <th>按时完成率</th>
          <th>未完成</th>
          <th>已超时</th>
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
