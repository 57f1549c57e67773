/** 待督查片区: every zone with its last round; tick zones and start a round. */
import { dateTimeLabel, monthDay } from '../../../shared/labels';
import { INSPECTION_STATUS_NAMES } from '../../../shared/supervision';
import type { ZoneDue } from './types';

interface Props {
  zones: ZoneDue[];
  selected: string[];
  onToggle(zoneId: string): void;
  onStart(): void;
}

export function ZonesDue({ zones, selected, onToggle, onStart }: Props) {
  return (
    <section data-testid="zones-due">
      <table>
        <thead>
          <tr><th /><th>片区</th><th>上次督查</th><th>应督查日期</th><th>状态</th></tr>
        </thead>
        <tbody>
          {zones.map((z) => (
            <tr key={z.zoneId} data-testid={`zone-${z.zoneId}`} class={`status-${z.status}`}>
              <td><input type="checkbox" aria-label={`选择${z.name}`} checked={selected.includes(z.zoneId)} onChange={() => onToggle(z.zoneId)} /></td>
              <td>{z.name}</td>
              <td>{z.lastInspectedAt === null ? '从未督查' : dateTimeLabel(z.lastInspectedAt)}</td>
              <td>{monthDay(z.dueDate)}</td>
              <td>{INSPECTION_STATUS_NAMES[z.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" data-testid="start-round" disabled={selected.length === 0} onClick={onStart}>
        督查所选片区（{selected.length}）
      </button>
    </section>
  );
}
