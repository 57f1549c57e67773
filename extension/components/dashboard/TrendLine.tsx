/** The daily completion rate as a line (inline SVG); days with nothing settled leave a gap. */
import type { Completion } from './types';
import { monthDay, percentLabel } from '../../../shared/labels';

const W = 640;
const H = 160;
const PAD = { left: 40, right: 12, top: 10, bottom: 24 };

export function TrendLine({ days }: { days: Completion['byDay'] }) {
  if (days.length === 0) return null;
  const x = (i: number) => PAD.left + (days.length === 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (days.length - 1));
  const y = (rate: number) => PAD.top + (1 - rate) * (H - PAD.top - PAD.bottom);
  // Consecutive days with a rate form one segment.
  const segments: string[] = [];
  let current: string[] = [];
  days.forEach((d, i) => {
    if (d.rate === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(d.rate).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  return (
    <svg class="trend" data-testid="trend" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="每日完成率趋势">
      {[0, 0.5, 1].map((r) => (
        <g key={r}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(r)} y2={y(r)} class="grid" />
          <text x={PAD.left - 6} y={y(r) + 4} text-anchor="end">{`${r * 100}%`}</text>
        </g>
      ))}
      {segments.map((points) => (
        <polyline key={points} points={points} class="line" />
      ))}
      {days.map((d, i) =>
        d.rate === null ? null : (
          <circle key={d.date} cx={x(i)} cy={y(d.rate)} r={2.5} class="dot">
            <title>{`${monthDay(d.date)}：${percentLabel(d.rate)}`}</title>
          </circle>
        ),
      )}
      <text x={PAD.left} y={H - 6}>{monthDay(days[0].date)}</text>
      <text x={W - PAD.right} y={H - 6} text-anchor="end">{monthDay(days[days.length - 1].date)}</text>
    </svg>
  );
}
