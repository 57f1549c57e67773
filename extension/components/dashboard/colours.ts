import { completionRate } from '../../../shared/metrics';
import type { HeatCell } from '@server/domain/report/completion';

/**
 * The heat map's bands of 完成率, red (little) to green (all). The two worst also carry a mark, so a square's
 * state does not rest on colour alone (the exact rate is in its title and aria-label).
 */
export const HEAT_BANDS = [
  { min: 0.95, colour: '#1a7f37', mark: '', label: '≥95%' },
  { min: 0.85, colour: '#4caf50', mark: '', label: '85–95%' },
  { min: 0.7, colour: '#c0ca33', mark: '', label: '70–85%' },
  { min: 0.5, colour: '#ffb300', mark: '!', label: '50–70%' },
  { min: 0, colour: '#e53935', mark: '✕', label: '<50%' },
] as const;
/** Squares with no rate: items due later today, or nothing due at all. */
export const HEAT_PENDING = { colour: '#cfe3ff', mark: '…' };
export const HEAT_EMPTY = { colour: '#eef1f4', mark: '' };

/** The colour and mark of a square: its band by 完成率, or pending / nothing due when there is no rate. */
export function heatLook(cell: HeatCell): { colour: string; mark: string } {
  const rate = completionRate(cell);
  if (rate === null) return cell.pending ? HEAT_PENDING : HEAT_EMPTY;
  return HEAT_BANDS.find((b) => rate >= b.min) ?? HEAT_BANDS[HEAT_BANDS.length - 1];
}

export function rateClass(rate: number | null): string {
  if (rate === null) return '';
  return rate >= 0.9 ? 'good' : rate >= 0.7 ? 'fair' : 'poor';
}
