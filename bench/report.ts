/*
 * The bench's output: a list of figures, each a median with min and max, optionally next to the raw engine doing
 * the same work. `cost` is how many times the project's cost is the raw engine's (time ÷ time, or rate ÷ rate
 * inverted), so 1.0 means "as fast as raw" and the quality bars read as "cost ≤ 2".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Spread } from './stats';

export type Unit = 'ms' | '条/秒' | '次/秒' | 'KB' | '个';

export interface Figure {
  section: string;
  label: string;
  unit: Unit;
  value: Spread;
  /** The raw engine doing the same work, when there is one. */
  baseline?: { label: string; value: Spread };
  /** The bar from DESIGN.md / the issue: the project may cost at most this many times the baseline. */
  maxCost?: number;
  /** A budget on the figure itself (a page's size): at most this much, in its unit. */
  maxValue?: number;
  note?: string;
}

const HIGHER_IS_BETTER: readonly Unit[] = ['条/秒', '次/秒'];

/** How many times the project's cost is the baseline's (1 = as fast as raw). */
export function costOf(f: Figure): number | undefined {
  if (!f.baseline) return undefined;
  const a = f.value.median;
  const b = f.baseline.value.median;
  return HIGHER_IS_BETTER.includes(f.unit) ? b / a : a / b;
}

export function withinBar(f: Figure): boolean | undefined {
  if (f.maxValue !== undefined) return f.value.median <= f.maxValue;
  const cost = costOf(f);
  return cost === undefined || f.maxCost === undefined ? undefined : cost <= f.maxCost;
}

function barText(f: Figure): string {
  const verdict = withinBar(f) ? '达标' : '未达标';
  if (f.maxValue !== undefined) return `≤ ${num(f.maxValue, f.unit)} ${f.unit} ${verdict}`;
  return f.maxCost === undefined ? '—' : `≤ ${f.maxCost}× ${verdict}`;
}

function num(n: number, unit: Unit): string {
  if (unit === 'ms') return n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0);
  if (unit === 'KB') return n.toFixed(1);
  return Math.round(n).toLocaleString('en-US');
}

function range(s: Spread, unit: Unit): string {
  return s.runs > 1 ? `${num(s.min, unit)}–${num(s.max, unit)}` : '—';
}

/** The figures as a Markdown table (what the README shows and the console prints). */
export function markdownTable(figures: readonly Figure[]): string {
  const head = ['项目', '中位数', '最小–最大', '次数', '对照（原始引擎做同样的事）', '对照中位数', '倍数', '标准'];
  const rows = figures.map((f) => {
    const cost = costOf(f);
    return [
      `${f.label}${f.note ? `（${f.note}）` : ''}`,
      `${num(f.value.median, f.unit)} ${f.unit}`,
      range(f.value, f.unit),
      String(f.value.runs),
      f.baseline?.label ?? '—',
      f.baseline ? `${num(f.baseline.value.median, f.unit)} ${f.unit}` : '—',
      cost === undefined ? '—' : `${cost.toFixed(2)}×`,
      barText(f),
    ];
  });
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export interface BenchResult {
  scale: string;
  startedAt: string;
  seconds: number;
  machine: { cpus: number; node: string; platform: string; loadAverage: number[] };
  county: Record<string, number | string>;
  figures: Array<Figure & { cost?: number; withinBar?: boolean }>;
  skipped: string[];
}

export function writeResult(result: BenchResult, dir = 'bench-output'): string {
  mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const file = join(dir, `bench-${result.scale}-${stamp}.json`);
  const body = JSON.stringify(result, null, 2);
  writeFileSync(file, body);
  writeFileSync(join(dir, `latest-${result.scale}.json`), body);
  return file;
}
