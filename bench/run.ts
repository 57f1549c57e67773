/*
 * `npm run bench`: builds a synthetic county at a real county's scale into a temporary SQLite file, then times
 * the project next to the raw engines doing the same work and prints one table (also written as JSON under
 * bench-output/). BENCH_SCALE=small for a quick run; BENCH_ONLY=push,pull to run some sections;
 * BENCH_VERIFY=0 skips the replay check of the generated rows; BENCH_KEEP=1 keeps the temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../server/db/open';
import { generateCounty } from './county';
import { verifyByReplay } from './county/verify';
import { scaleFromEnv } from './scale';
import { startServer } from './serverProcess';
import { costOf, markdownTable, withinBar, writeResult, type Figure } from './report';
import type { BenchContext } from './context';
import { sections } from './sections';

async function main() {
  const started = new Date();
  // Other work on the machine skews every figure; the load average is printed and stored with the results.
  const loadBefore = loadavg()[0];
  const t0 = performance.now();
  const scale = scaleFromEnv();
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  console.log(`片区通性能测试，规模：${scale.name}（${scale.zones} 个片区、${scale.units} 个责任单位、每单位 ${scale.dailyDuties + scale.weeklyDuties} 项责任、${scale.days} 天历史）`);

  const dir = mkdtempSync(join(tmpdir(), 'pqt-bench-'));
  const file = join(dir, 'county.sqlite');
  const county = generateCounty(scale, file, Date.now());
  const h = county.history;
  console.log(
    `生成县城：${county.seconds.toFixed(1)} 秒；${h.firstDate} 至 ${h.lastDate}，责任周期 ${h.dutyPeriods.toLocaleString('en-US')} 个，` +
      `事件 ${h.events.toLocaleString('en-US')} 条，打勾记录 ${h.dutyChecks.toLocaleString('en-US')} 行，问题 ${h.issues} 个，督查 ${h.inspections} 次`,
  );
  let verified = '未校验（BENCH_VERIFY=0）';
  if (process.env.BENCH_VERIFY !== '0') {
    // Lead units hold the inspection rounds too; one at full scale (replaying a year costs ~30 s), three at small.
    const sample = county.org.zones.slice(0, scale.name === 'full' ? 1 : 3).map((z) => z.leadUnitId!);
    const v0 = performance.now();
    const { events } = verifyByReplay(file, sample);
    verified = `${sample.join('、')} 的 ${events.toLocaleString('en-US')} 条事件经真实 pushEvents 重放，事件与投影逐行一致`;
    console.log(`校验：${verified}（${((performance.now() - v0) / 1000).toFixed(1)} 秒）`);
  }

  const server = await startServer(dir);
  const bare = await startServer(dir, undefined, 'bench/bareServer.ts');
  const db = openDb(file);
  const ctx: BenchContext = { scale, county, dir, db, url: server.url, bareUrl: bare.url };
  const figures: Figure[] = [];
  const skipped: string[] = [];
  try {
    for (const section of sections) {
      if (only && !only.includes(section.name)) continue;
      const missing = await section.missing?.();
      if (missing) {
        skipped.push(`${section.title}：${missing}`);
        console.log(`跳过 ${section.title}：${missing}`);
        continue;
      }
      const s0 = performance.now();
      const got = await section.run(ctx).catch((error: unknown) => {
        const cause = (error as { cause?: unknown }).cause;
        console.error(`${section.title}失败：${(error as Error).message}${cause ? `（原因：${String((cause as Error).message ?? cause)}）` : ''}\n${server.diagnosis()}`);
        throw error;
      });
      figures.push(...got);
      console.log(`${section.title}：完成（${((performance.now() - s0) / 1000).toFixed(1)} 秒）`);
    }
  } finally {
    await server.stop();
    await bare.stop();
    db.$client.close();
    if (process.env.BENCH_KEEP === '1') console.log(`临时目录保留在 ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\n${markdownTable(figures)}\n`);
  const seconds = (performance.now() - t0) / 1000;
  const out = writeResult({
    scale: scale.name,
    startedAt: started.toISOString(),
    seconds,
    machine: { cpus: cpus().length, node: process.version, platform: `${process.platform} ${process.arch}`, loadAverage: [loadBefore, loadavg()[0]] },
    county: {
      zones: scale.zones,
      units: scale.units,
      duties: scale.dailyDuties + scale.weeklyDuties,
      firstDate: h.firstDate,
      lastDate: h.lastDate,
      dutyPeriods: h.dutyPeriods,
      events: h.events,
      dutyChecks: h.dutyChecks,
      issues: h.issues,
      inspections: h.inspections,
      generateSeconds: Number(county.seconds.toFixed(1)),
      verified,
    },
    figures: figures.map((f) => ({ ...f, cost: costOf(f), withinBar: withinBar(f) })),
    skipped,
  });
  const failed = figures.filter((f) => withinBar(f) === false);
  console.log(`规模 ${scale.name}，共 ${seconds.toFixed(0)} 秒；机器 ${cpus().length} 核，1 分钟负载 ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}；结果写入 ${out}`);
  if (failed.length) console.log(`未达标：${failed.map((f) => f.label).join('；')}`);
}

main().catch((error) => {
  console.error(`性能测试失败：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
