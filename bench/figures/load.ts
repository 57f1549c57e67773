/*
 * Load: N devices, each syncing every 30 s (push its outbox if it ticked something, then pull until caught up),
 * over loopback against the real server in its own process. Time is not compressed: the devices' sync times are
 * spread uniformly over the 30 s cycle, so the server sees the same request rate N devices would make, for a
 * bounded window. Open loop: a sync starts on schedule whether or not earlier ones have finished.
 *
 * Then the knee: the offered load doubles (more devices than the county has enrolled sync with the same tokens,
 * each with its own cursor) until p99 passes 50 ms or a request fails; the last level below that is what one
 * server carries. The load generator shares the machine with the server, so the knee is a lower bound.
 */
import { performance } from 'node:perf_hooks';
import { uuidv7 } from 'uuidv7';
import { createApi } from '../../extension/lib/api';
import type { ClientEvent } from '../../shared/schemas/events';
import type { BenchContext } from '../context';
import type { Enrolled } from '../county/org';
import type { Figure } from '../report';
import { quantile, spread } from '../stats';
import { tickablePeriods } from './pushBatches';

const CYCLE_MS = 30_000;
const PAGE = 500;

interface Device {
  who: Enrolled;
  unitId: string;
  cursor: number;
  api: ReturnType<typeof createApi>;
}

interface RunResult {
  requests: number;
  syncs: number;
  errors: number;
  latencies: number[];
  seconds: number;
}

const KNEE_P99_MS = 50;
const KNEE_SECONDS = 10;
const KNEE_MAX_DEVICES = 64_000;

/**
 * Staff devices spread over the units: the first device of every unit, then the second, and so on; past the
 * county's enrolled devices (`reuse`, for the knee) they come round again.
 */
function pickDevices(ctx: BenchContext, n: number, reuse = false): Enrolled[] {
  const { org } = ctx.county;
  const all: Enrolled[] = [];
  for (let k = 0; k < ctx.scale.staffPerUnit; k++) for (const u of org.units) all.push(org.staffByUnit.get(u.id)![k]);
  if (all.length < n && !reuse) throw new Error(`县里只有 ${all.length} 台工作人员设备，不够 ${n} 台`);
  return Array.from({ length: n }, (_, i) => all[i % all.length]);
}

async function loadRun(ctx: BenchContext, n: number, seconds: number, reuse = false): Promise<RunResult> {
  const latest = ctx.db.$client.prepare('select coalesce(max(seq), 0) as seq from events where unit_id = ?');
  const devices: Device[] = pickDevices(ctx, n, reuse).map((who) => ({
    who,
    unitId: who.person.unitId!,
    cursor: (latest.get(who.person.unitId) as { seq: number }).seq, // already caught up, as in steady state
    api: createApi(ctx.url, who.token),
  }));
  const periods = tickablePeriods(ctx.county.org.duties, Date.now(), 1);
  const result: RunResult = { requests: 0, syncs: 0, errors: 0, latencies: [], seconds };
  const timed = async <T>(call: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await call();
    } finally {
      result.latencies.push(performance.now() - start);
      result.requests++;
    }
  };
  const sync = async (d: Device, i: number) => {
    try {
      // Half the devices ticked something since their last sync.
      if (i % 2 === 0) {
        const p = periods[i % periods.length];
        const tick: ClientEvent = { id: uuidv7(), unitId: d.unitId, clientTime: Date.now(), kind: 'duty.checked', payload: { dutyId: p.duty.id, periodKey: p.key } };
        await timed(() => d.api.sync.push.mutate({ events: [tick] }));
      }
      for (;;) {
        const res = await timed(() => d.api.sync.pull.query({ after: d.cursor, limit: PAGE }));
        d.cursor = res.cursor;
        if (!res.more) break;
      }
      result.syncs++;
    } catch (error) {
      result.errors++;
      if (result.errors <= 3 && !reuse) console.error(`  同步失败：${(error as Error).message}`);
    }
  };

  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  const schedule = devices.map((d, i) => ({ d, i, at: (i * CYCLE_MS) / n })).sort((a, b) => a.at - b.at);
  for (let cycle = 0; cycle * CYCLE_MS < seconds * 1000; cycle++) {
    for (const { d, i, at } of schedule) {
      const due = cycle * CYCLE_MS + at;
      if (due >= seconds * 1000) break;
      const wait = due - (performance.now() - start);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(sync(d, i + cycle));
    }
  }
  await Promise.all(inFlight);
  return result;
}

const p99Of = (r: RunResult) => quantile([...r.latencies].sort((a, b) => a - b), 0.99);

/** Doubles the offered load until p99 passes the bar or a request fails: the last level that held, and the first that did not. */
async function kneeFigures(ctx: BenchContext): Promise<Figure[]> {
  let held: { n: number; run: RunResult } | null = null;
  let broke: { n: number; run: RunResult } | null = null;
  for (let n = Math.min(...ctx.scale.loadDevices); n <= KNEE_MAX_DEVICES; n *= 2) {
    const run = await loadRun(ctx, n, KNEE_SECONDS, true);
    console.log(`  ${n} 台设备：${(run.requests / run.seconds).toFixed(0)} 次/秒，p99 ${p99Of(run).toFixed(1)} ms，失败 ${run.errors}`);
    if (run.errors > 0 || p99Of(run) > KNEE_P99_MS) {
      broke = { n, run };
      break;
    }
    held = { n, run };
  }
  if (!held) return [];
  const beyond = broke ? `；${broke.n.toLocaleString('en-US')} 台时 p99 ${p99Of(broke.run).toFixed(0)} ms、失败 ${broke.run.errors}` : `；测到 ${KNEE_MAX_DEVICES.toLocaleString('en-US')} 台仍未到拐点`;
  const note = `每台每 30 秒同步，每级 ${KNEE_SECONDS} 秒，p99 ≤ ${KNEE_P99_MS} ms 且零失败${beyond}`;
  return [
    { section: 'load', label: '容量：一台服务器承载的设备数', note, unit: '个', value: spread([held.n]) },
    { section: 'load', label: '容量：拐点前的请求速率', unit: '次/秒', value: spread([held.run.requests / held.run.seconds]) },
    { section: 'load', label: '容量：拐点前的请求耗时 p99', unit: 'ms', value: spread([p99Of(held.run)]) },
  ];
}

export async function loadFigures(ctx: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const n of ctx.scale.loadDevices) {
    const runs: RunResult[] = [];
    for (let r = 0; r < ctx.scale.loadRuns; r++) runs.push(await loadRun(ctx, n, ctx.scale.loadSeconds));
    const errors = runs.reduce((s, r) => s + r.errors, 0);
    if (errors > 0) throw new Error(`负载测试（${n} 台设备）出现 ${errors} 次失败，应为 0`);
    const note = `${n} 台设备每 30 秒同步，${ctx.scale.loadSeconds} 秒 × ${runs.length} 次，失败 ${errors}`;
    const pct = (q: number) => spread(runs.map((r) => quantile([...r.latencies].sort((a, b) => a - b), q)));
    figures.push(
      { section: 'load', label: `负载：${n} 台设备，请求速率`, note, unit: '次/秒', value: spread(runs.map((r) => r.requests / r.seconds)) },
      { section: 'load', label: `负载：${n} 台设备，请求耗时 p50`, unit: 'ms', value: pct(0.5) },
      { section: 'load', label: `负载：${n} 台设备，请求耗时 p99`, unit: 'ms', value: pct(0.99) },
    );
  }
  figures.push(...(await kneeFigures(ctx)));
  return figures;
}
