/*
 * How big a county the bench builds. `full` is a real county's scale (issue 7): about 300 responsible units in
 * 34 zones, 30 duties each, a year of history (≈ 3 million duty-periods). `small` is the same shape, quick.
 */
export interface Scale {
  name: 'full' | 'small';
  zones: number;
  units: number;
  /** Staff people per unit; each has one enrolled device. */
  staffPerUnit: number;
  dailyDuties: number;
  weeklyDuties: number;
  /** Days of history before today. */
  days: number;
  issues: number;
  /** How many times each timed figure is measured (median, min, max). */
  runs: number;
  /** Events per push run, sent in batches of 100. */
  pushEvents: number;
  /** Simulated device counts for the load test, and how long each load run lasts. */
  loadDevices: number[];
  loadSeconds: number;
  loadRuns: number;
}

const SCALES: Record<Scale['name'], Scale> = {
  full: {
    name: 'full',
    zones: 34,
    units: 300,
    staffPerUnit: 4,
    dailyDuties: 26,
    weeklyDuties: 4,
    days: 365,
    issues: 3000,
    runs: 5,
    pushEvents: 10_000,
    loadDevices: [100, 1000],
    loadSeconds: 20,
    loadRuns: 3,
  },
  small: {
    name: 'small',
    zones: 4,
    units: 30,
    staffPerUnit: 4,
    dailyDuties: 26,
    weeklyDuties: 4,
    days: 60,
    issues: 200,
    runs: 3,
    pushEvents: 2_000,
    loadDevices: [100],
    loadSeconds: 5,
    loadRuns: 2,
  },
};

export function scaleFromEnv(value = process.env.BENCH_SCALE): Scale {
  if (!value || value === 'full') return SCALES.full;
  if (value === 'small') return SCALES.small;
  throw new Error(`BENCH_SCALE 应为 full 或 small，收到“${value}”`);
}
