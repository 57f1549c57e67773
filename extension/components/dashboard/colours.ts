/** The heat map's colour for a share done: red (little) to green (all); grey when nothing was due. */
export function heatColour(done: number, missed: number, open: number): string {
  if (done + missed + open === 0) return '#eef1f4';
  if (done + missed === 0) return '#cfe3ff'; // due, but nothing settled yet
  const rate = done / (done + missed);
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
