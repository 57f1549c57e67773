/*
 * 考核: the scores of the whole county since the campaign began (a year of history) through the real
 * assessment.scores over HTTP and in process (assessmentOf, as the router calls it), next to hand-written SQL
 * computing the same scores from the same file: the schedule's slots in a temp table (handSql.ts fillSlots) joined
 * with duty_checks for the misses, and the issues table and the ledger for problems, overdue days, 返工 and
 * credits, priced by the rubric in force (the bench county keeps the default rubric, and the default deadline
 * counting in calendar days). The bench fails unless every unit, zone and lead unit scores the same.
 */
import type Database from 'better-sqlite3';
import { createApi } from '../../extension/lib/api';
import { loadOrg } from '../../server/domain/org';
import { loadCalendar } from '../../server/domain/calendar';
import { assessmentOf, periodFor } from '../../server/domain/assessment/scores';
import { rubricVersions } from '../../server/domain/assessment/rubric';
import { rubricOn, type Rubric } from '../../shared/assessment/rubric';
import { round2, type Assessment, type Period } from '../../shared/assessment/score';
import { DAY, startOfDate, type Calendar } from '../../shared/calendar';
import type { Duty, Unit, Zone } from '../../shared/schemas/org';
import type { BenchContext } from '../context';
import type { Figure } from '../report';
import { timeRuns } from '../stats';
import { fillSlots } from './handSql';

interface HandScores {
  units: Map<string, number>;
  zones: Map<string, number | null>;
  leads: Map<string, number | null>;
}

export function handScores(raw: Database.Database, units: readonly Unit[], zones: readonly Zone[], duties: readonly Duty[], rubric: Rubric, period: Period, now: number, calendar: Calendar): HandScores {
  fillSlots(raw, duties, period.from, period.to, calendar);
  raw.exec(`
    create temp table if not exists score_prices (category text primary key, points real) without rowid;
    delete from score_prices;
  `);
  const price = raw.prepare('insert into score_prices values (?, ?)');
  raw.transaction(() => {
    for (const [category, points] of Object.entries(rubric.problemFound)) price.run(category, points);
  })();
  const start = startOfDate(period.from);
  const end = startOfDate(period.to) + DAY;
  const rows = raw
    .prepare(
      `with
       misses as (
         select u.id as unit_id, sum(case s.cadence when 'daily' then @missedDaily else @missedWeekly end) as points
         from units u cross join bench_slots s
         left join duty_checks c on c.unit_id = u.id and c.duty_id = s.duty_id and c.period_key = s.period_key and c.checked = 1
         where s.due is not null and c.checked_at is null and @now >= s.end_at
           and (not exists (select 1 from duty_units du where du.duty_id = s.duty_id)
                or exists (select 1 from duty_units du where du.duty_id = s.duty_id and du.unit_id = u.id))
         group by u.id),
       live as (
         select *, case when state in ('rectified', 'verified') and rectified_at is not null then rectified_at else @now end as stop
         from issues where state <> 'rejected'),
       problems as (
         select i.unit_id, sum(p.points) as points from live i join score_prices p on p.category = i.category
         where i.source in ('inspection', 'complaint', 'public') and i.reported_at >= @start and i.reported_at < @end group by i.unit_id),
       overdue as (
         select unit_id, sum(
           max(0, (cast(min(stop, @end) as integer) - deadline_at + ${DAY - 1}) / ${DAY}) - max(0, (cast(min(stop, @start) as integer) - deadline_at + ${DAY - 1}) / ${DAY})
         ) * @overduePerDay as points
         from live group by unit_id),
       reopens as (
         select unit_id, count(*) * @reopen as points from events
         where kind = 'issue.verified' and json_extract(payload, '$.passed') = 0 and effective_at >= @start and effective_at < @end group by unit_id),
       credits as (
         select unit_id, count(*) * @credit as points from live
         where source = 'self_check' and state in ('rectified', 'verified') and rectified_at >= @start and rectified_at < @end group by unit_id)
       select u.id as unitId,
         coalesce(m.points, 0) + coalesce(p.points, 0) + coalesce(o.points, 0) + coalesce(r.points, 0) as deducted,
         coalesce(c.points, 0) as credited
       from units u
       left join misses m on m.unit_id = u.id left join problems p on p.unit_id = u.id left join overdue o on o.unit_id = u.id
       left join reopens r on r.unit_id = u.id left join credits c on c.unit_id = u.id`,
    )
    .all({
      now,
      start,
      end,
      missedDaily: rubric.missedDaily,
      missedWeekly: rubric.missedWeekly,
      overduePerDay: rubric.overduePerDay,
      reopen: rubric.reopen,
      credit: rubric.selfFixedCredit,
    }) as { unitId: string; deducted: number; credited: number }[];
  const rule = rubric.periods[period.kind];
  const capped = (x: number, cap: number | null) => (cap === null ? x : Math.min(x, cap));
  const unitScores = new Map(rows.map((r) => [r.unitId, round2(rule.base - capped(r.deducted, rule.deductionCap) + capped(r.credited, rule.creditCap))]));
  const mean = (xs: number[]) => (xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
  const zoneScores = new Map(zones.map((z) => [z.id, mean(units.filter((u) => u.zoneId === z.id).map((u) => unitScores.get(u.id)!))]));
  const leads = new Map<string, number | null>();
  for (const lead of new Set(zones.map((z) => z.leadUnitId).filter((x): x is string => x !== null))) {
    leads.set(lead, mean(zones.filter((z) => z.leadUnitId === lead).flatMap((z) => (zoneScores.get(z.id) === null ? [] : [zoneScores.get(z.id)!]))));
  }
  return { units: unitScores, zones: zoneScores, leads };
}

function checkEqual(a: Assessment, hand: HandScores): void {
  const same = (what: string, project: number | null, expected: number | null | undefined) => {
    if (expected === undefined || project !== expected) throw new Error(`考核得分不一致（${what}）：手写 SQL ${expected}，项目 ${project}`);
  };
  if (a.units.length !== hand.units.size) throw new Error(`考核得分不一致：单位数 ${hand.units.size} ≠ ${a.units.length}`);
  for (const u of a.units) same(u.unitName, u.score, hand.units.get(u.unitId));
  for (const z of a.zones) same(z.zoneName, z.score, hand.zones.get(z.zoneId));
  for (const l of a.leadUnits) same(`牵头单位 ${l.unitName}`, l.score, hand.leads.get(l.unitId));
}

export async function assessmentFigures(ctx: BenchContext): Promise<Figure[]> {
  const command = ctx.county.org.command[0];
  const api = createApi(ctx.url, command.token);
  const now = Date.now();
  const period = periodFor(ctx.db, 'campaign', undefined, now);
  const project = () => assessmentOf(ctx.db, loadOrg(ctx.db), period, now);
  const hand = () => {
    const org = loadOrg(ctx.db);
    return handScores(ctx.db.$client, org.units, org.zones, org.duties, rubricOn(rubricVersions(ctx.db), period.from), period, now, loadCalendar(ctx.db));
  };
  const scored = project();
  checkEqual(scored, hand());
  const runs = Math.min(3, ctx.scale.runs);
  const note = `${period.from} 至 ${period.to}，${scored.units.length} 个单位、${scored.deductions.length.toLocaleString('en-US')} 项扣分，逐单位、片区、牵头单位与手写 SQL 一致`;
  const baseline = { label: '手写 SQL（时间表临时表 × 打勾表 + 问题表 + 台账）', value: await timeRuns(runs, hand) };
  return [
    { section: 'assessment', label: '考核：全县创卫以来得分，进程内', note, unit: 'ms', value: await timeRuns(runs, project), baseline, maxCost: 2 },
    { section: 'assessment', label: '考核：全县创卫以来得分，assessment.scores 经 HTTP', unit: 'ms', value: await timeRuns(runs, () => api.assessment.scores.query({ period: 'campaign' })), baseline },
  ];
}
