/*
 * Aggregation: the dashboard's duty completion for the county over a year, a zone over a month and a unit over a
 * week, through the real report.completion over HTTP and in process (completionReport, as the router calls it),
 * next to the hand-written SQL of handSql.ts on the same file. The bench fails unless both count exactly the same
 * outcomes for every unit, every zone and in total.
 */
import { createApi } from '../../extension/lib/api';
import { orgSeenBy } from '../../server/domain/org';
import { reportUnits } from '../../server/domain/report/place';
import { completionReport, type CompletionReport } from '../../server/domain/report/completion';
import { addDays, dateKeyOf } from '../../shared/calendar';
import type { ReportPlace } from '../../shared/schemas/report';
import type { BenchContext } from '../context';
import type { Figure } from '../report';
import { timeRuns } from '../stats';
import { handCompletion, OUTCOMES, type Counts } from './handSql';

interface Case {
  label: string;
  place: ReportPlace;
  days: number;
}

function sameCounts(what: string, expected: Counts, actual: Counts): void {
  for (const k of OUTCOMES) {
    if (expected[k] !== actual[k]) {
      throw new Error(`汇总结果不一致（${what}，${k}）：手写 SQL ${expected[k]}，项目 ${actual[k]}\n手写 SQL ${JSON.stringify(expected)}\n项目 ${JSON.stringify(actual)}`);
    }
  }
}

/** Fails loudly unless the project's report and the hand-written SQL agree on every unit, zone and the total. */
function checkEqual(label: string, report: CompletionReport, hand: Map<string, Counts>, zoneOf: Map<string, string>): void {
  if (report.byUnit.length !== hand.size) throw new Error(`汇总结果不一致（${label}）：单位数 ${hand.size} ≠ ${report.byUnit.length}`);
  const zones = new Map<string, Counts>();
  const total = Object.fromEntries(OUTCOMES.map((k) => [k, 0])) as Counts;
  for (const u of report.byUnit) {
    const h = hand.get(u.unitId);
    if (!h) throw new Error(`汇总结果不一致（${label}）：手写 SQL 没有单位 ${u.unitId}`);
    sameCounts(`${label}，单位 ${u.unitName}`, h, u);
    const z = zones.get(zoneOf.get(u.unitId)!) ?? (Object.fromEntries(OUTCOMES.map((k) => [k, 0])) as Counts);
    for (const k of OUTCOMES) {
      z[k] += h[k];
      total[k] += h[k];
    }
    zones.set(zoneOf.get(u.unitId)!, z);
  }
  for (const z of report.byZone) sameCounts(`${label}，${z.zoneName}`, zones.get(z.zoneId)!, z);
  sameCounts(`${label}，合计`, total, report.total);
}

export async function aggregationFigures(ctx: BenchContext): Promise<Figure[]> {
  const { org } = ctx.county;
  const command = org.command[0];
  const api = createApi(ctx.url, command.token);
  const zone = org.zones[Math.floor(org.zones.length / 2)];
  const unit = org.units.find((u) => u.zoneId === zone.id)!;
  const cases: Case[] = [
    { label: '全县一年', place: 'county', days: 366 },
    { label: `一个片区一个月`, place: { zoneId: zone.id }, days: 30 },
    { label: `一个单位一周`, place: { unitId: unit.id }, days: 7 },
  ];
  const zoneOf = new Map(org.units.map((u) => [u.id, u.zoneId]));
  const figures: Figure[] = [];
  for (const c of cases) {
    const now = Date.now();
    const to = dateKeyOf(now);
    const from = addDays(to, -(c.days - 1));
    const project = () => {
      const { org: live, scope } = orgSeenBy(ctx.db, command.person, now);
      const place = reportUnits(scope, live, c.place, { from, to });
      return completionReport(ctx.db, live, place.units, place.zones, from, to, now, { zoneIds: place.zoneIds });
    };
    const hand = () => {
      const { org: live, scope } = orgSeenBy(ctx.db, command.person, now);
      return handCompletion(ctx.db.$client, reportUnits(scope, live, c.place, { from, to }).units, live.duties, from, to, now);
    };
    const report = project();
    checkEqual(c.label, report, hand(), zoneOf);
    // A year of the county takes seconds a run: three runs are enough there.
    const runs = c.days > 100 ? Math.min(3, ctx.scale.runs) : ctx.scale.runs * 2;
    const note = `${report.total.due.toLocaleString('en-US')} 项应做，结果与手写 SQL 逐单位一致`;
    const baseline = { label: '手写 SQL（时间表临时表 × 打勾表）', value: await timeRuns(runs, hand) };
    const overHttp = await timeRuns(runs, () => api.report.completion.query({ scope: c.place, from, to }));
    figures.push(
      { section: 'aggregation', label: `汇总：${c.label}，进程内`, note, unit: 'ms', value: await timeRuns(runs, project), baseline, maxCost: 2 },
      { section: 'aggregation', label: `汇总：${c.label}，report.completion 经 HTTP`, unit: 'ms', value: overHttp, baseline },
    );
    if (typeof c.place === 'object' && 'zoneId' in c.place) {
      // The same question to the bare Express server running the hand-written SQL, over the same loopback.
      const url = `${ctx.bareUrl}/completion?zoneId=${c.place.zoneId}&from=${from}&to=${to}`;
      const bare = () => fetch(url, { headers: { authorization: `Bearer ${command.token}` } }).then((r) => r.json());
      figures.push({
        section: 'aggregation',
        label: `汇总：${c.label}，report.completion 经 HTTP`,
        note: '对照裸 Express',
        unit: 'ms',
        value: overHttp,
        baseline: { label: '裸 Express + better-sqlite3 运行手写 SQL，同一回环网络', value: await timeRuns(runs, bare) },
        maxCost: 1.5,
      });
    }
  }
  return figures;
}
