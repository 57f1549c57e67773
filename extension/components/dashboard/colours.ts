import { completionRate } from '../../../shared/metrics';
import type { HeatCell } from '../../../server/domain/report/completion';

/** The heat map's colour for a square's 完成率: red (little) to green (all); grey when nothing was due. */
export function heatColour(cell: HeatCell): string {
  const rate = completionRate(cell);
  if (rate === null) return cell.pending ? '#cfe3ff' : '#eef1f4'; // due later today / nothing due
  if (rate >= 0.95) return '#1a7f37';
  if (rate >= 0.85) return '#4caf50';
  if (rate >= 0.7) return '#c0ca33';
  if (rate >= 0.5) return '#ffb300';
  return '#e53935';
}

export function rateClass(rate: number | null): string {
  if (rate === null) return '';
  return rate >= 0.9 ? 'good' : rate >= 0.7 ? 'fair' : 'poor';
}
