/*
 * 考核 scores checked against hand-written code that shares nothing with shared/assessment or shared/schedule:
 * it reads the tables with its own SQL, knows the week's working days and due rules of the fixture's three duties
 * by heart, prices each deduction by the rubric in force on its date, and ranks by its own loop.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/open';
import { loadOrg } from '../../server/domain/org';
import { assessmentOf } from '../../server/domain/assessment/scores';
import { explainUnit } from '../../server/domain/assessment/explain';
import { appealsOf } from '../../server/domain/assessment/appeals';
import { pushEvents } from '../../server/domain/ledger';
import { smallCounty, PEOPLE, actor } from './fixtures/smallCounty';
import { AFTER_WEEK, RUBRIC_1, RUBRIC_2, WEEK, WEEK_DATES, writeAssessedWeek, type AssessedWeek } from '../support/assessedWeek';
import type { Rubric } from '../../shared/assessment/rubric';
import { rankCell, rankLabel } from '../../shared/assessment/score';
import { uuidv7 } from 'uuidv7';
import { eventIdAt } from '../../shared/eventId';
import { acceptReport } from '../../server/domain/publicReport/intake';
import { pendingReport, REPORT } from '../support/publicReports';

const midnightAfter = (date: string) => Date.parse(`${date}T00:00:00+08:00`) + 86_400_000;
const dateOf = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const WORKING = WEEK_DATES.slice(0, 5);
const priceOn = (date: string): Rubric => (date >= '2026-11-19' ? RUBRIC_2 : RUBRIC_1);

interface Hand {
  units: Map<string, number>;
  zones: Map<string, number>;
  leads: Map<string, number>;
}

/** The fixture's scores, worked out by hand. */
function handScores(db: Db, waived: Set<string>): Hand {
  const sql = db.$client;
  const ticked = (unitId: string, dutyId: string, key: string) =>
    sql.prepare('select 1 from duty_checks where unit_id = ? and duty_id = ? and period_key = ? and checked = 1').get(unitId, dutyId, key) !== undefined;
  const unitRows = sql.prepare('select id, zone_id from units order by id').all() as { id: string; zone_id: string }[];
  const units = new Map<string, number>();
  for (const { id: unitId } of unitRows) {
    let deducted = 0;
    let credit = 0;
    const take = (key: string, points: number) => {
      if (!waived.has(key)) deducted += points;
    };
    for (const date of WEEK_DATES) {
      if (WORKING.includes(date) && !ticked(unitId, 'd-sweep', date)) take(`duty:${unitId}:d-sweep:${date}`, priceOn(date).missedDaily);
      if (!ticked(unitId, 'd-bins', date)) take(`duty:${unitId}:d-bins:${date}`, priceOn(date).missedDaily);
    }
    if (!ticked(unitId, 'd-corner', '2026-W47')) take(`duty:${unitId}:d-corner:2026-W47`, priceOn('2026-11-20').missedWeekly);
    const issues = sql.prepare('select * from issues where unit_id = ?').all(unitId) as Record<string, never>[];
    for (const i of issues as unknown as { id: string; source: string; state: string; category: keyof Rubric['problemFound']; reported_at: number; deadline_at: number; rectified_at: number | null }[]) {
      if (i.state === 'rejected') continue;
      const reported = dateOf(i.reported_at);
      if (i.source !== 'self_check' && reported >= WEEK.from && reported <= WEEK.to) take(`problem:${i.id}`, priceOn(reported).problemFound[i.category]);
      const stop = ['rectified', 'verified'].includes(i.state) ? i.rectified_at! : AFTER_WEEK;
      // Day k overdue begins k-1 whole days after the deadline; it belongs to the week if it begins in it.
      let overdue = 0;
      const weekStart = midnightAfter(WEEK.from) - 86_400_000;
      for (let t = i.deadline_at; t < Math.min(stop, midnightAfter(WEEK.to)); t += 86_400_000) if (t >= weekStart) overdue += priceOn(dateOf(t)).overduePerDay;
      if (overdue) take(`overdue:${i.id}`, overdue);
      if (i.source === 'self_check' && ['rectified', 'verified'].includes(i.state)) credit += priceOn(dateOf(i.rectified_at!)).selfFixedCredit;
    }
    const reopens = sql
      .prepare("select id, effective_at from events where kind = 'issue.verified' and json_extract(payload, '$.passed') = 0 and unit_id = ?")
      .all(unitId) as { id: string; effective_at: number }[];
    for (const r of reopens) take(`reopen:${r.id}`, priceOn(dateOf(r.effective_at)).reopen);
    const week = RUBRIC_1.periods.week;
    units.set(unitId, Math.round((week.base - Math.min(deducted, week.deductionCap!) + Math.min(credit, week.creditCap!)) * 100) / 100);
  }
  const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
  const zones = new Map<string, number>();
  for (const z of ['z1', 'z2']) zones.set(z, mean(unitRows.filter((u) => u.zone_id === z).map((u) => units.get(u.id)!)));
  // Only 县住建局 leads a zone (z1).
  const leads = new Map([['u-lead', zones.get('z1')!]]);
  return { units, zones, leads };
}

function ranked(scores: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, s] of scores) {
    let rank = 1;
    for (const other of scores.values()) if (other > s) rank++;
    out.set(id, rank);
  }
  return out;
}

let db: Db;
let week: AssessedWeek;
beforeEach(() => {
  db = smallCounty();
  week = writeAssessedWeek(db);
});
const assessed = () => assessmentOf(db, loadOrg(db), { kind: 'week', ...WEEK }, AFTER_WEEK);

describe('考核 scores', () => {
  it('every unit, zone and lead unit scores as the hand-written count says, with the same ranks', () => {
    const a = assessed();
    const hand = handScores(db, new Set());
    const handRanks = ranked(hand.units);
    expect(a.units.map((u) => [u.unitId, u.score, u.rank])).toEqual([...hand.units].map(([id, s]) => [id, s, handRanks.get(id)]).sort(byIdOf(a.units.map((u) => u.unitId))));
    expect(new Map(a.zones.map((z) => [z.zoneId, z.score]))).toEqual(hand.zones);
    expect(new Map(a.leadUnits.map((l) => [l.unitId, l.score]))).toEqual(hand.leads);
    // The fixture is built to exercise every kind: 县教育局 and 县市场监管局 lose points, 县住建局 only ticked late once.
    expect(hand.units.get('u-lead')).toBe(100);
    expect(hand.units.get('u-a')).toBeLessThan(100);
    expect(hand.units.get('u-b')).toBeLessThan(100);
    const kinds = new Set(a.deductions.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(['missedDaily', 'missedWeekly', 'overdue', 'problem', 'reopen']);
    expect(a.credits.map((c) => c.issueId)).toEqual([week.selfIssue]);
    expect(a.deductions.some((d) => d.issueId === week.rejectedIssue)).toBe(false);
  });

  it('a public report the command center accepted (受理) costs the unit as an inspection finding does', () => {
    const at = Date.parse('2026-11-18T09:00:00+08:00');
    const { reportId } = pendingReport(db, at);
    const input = { reportId, category: 'sanitation' as const, zoneId: 'z1', unitId: 'u-lead', gridCellId: null, place: REPORT.place, description: REPORT.description, publishPhotos: false };
    const { issueId } = acceptReport(db, actor(PEOPLE.command), input, at + 3_600_000);
    const a = assessed();
    expect(a.deductions.filter((d) => d.issueId === issueId && d.kind === 'problem').map((d) => [d.unitId, d.points])).toEqual([['u-lead', RUBRIC_1.problemFound.sanitation]]);
    const hand = handScores(db, new Set());
    expect(hand.units.get('u-lead')).toBeLessThan(100);
    expect(a.units.find((u) => u.unitId === 'u-lead')!.score).toBe(hand.units.get('u-lead'));
  });

  it('prices each deduction by the rubric in force on its date, and caps the period', () => {
    const a = assessed();
    const bins = a.deductions.filter((d) => d.unitId === 'u-b' && d.dutyId === 'd-bins');
    expect(bins.map((d) => [d.date, d.points])).toEqual(WEEK_DATES.map((date) => [date, date >= '2026-11-19' ? 2 : 1]));
    const b = a.units.find((u) => u.unitId === 'u-b')!;
    expect(b.deducted).toBe(RUBRIC_1.periods.week.deductionCap);
  });

  it('black-lists the bottom unit and red-lists the top one (by rank), never the same unit twice', () => {
    const a = assessed();
    const worst = [...a.units].sort((x, y) => x.score - y.score)[0];
    expect(a.units.filter((u) => u.list === 'black').map((u) => u.unitId)).toEqual([worst.unitId]);
    expect(a.units.filter((u) => u.list === 'red').map((u) => u.unitId)).toEqual(['u-lead']);
  });

  it('puts no one on either list while every score is the same (a week not yet begun)', () => {
    const next = assessmentOf(db, loadOrg(db), { kind: 'week', from: '2026-12-07', to: '2026-12-13' }, AFTER_WEEK);
    expect(new Set(next.units.map((u) => u.score))).toEqual(new Set([100]));
    expect([...next.units, ...next.zones, ...next.leadUnits].filter((x) => x.list !== null)).toEqual([]);
  });

  it('equal scores share one rank and say so: 并列第 1 名 when all tie, a plain 第 N 名 for a score no one else has', () => {
    const next = assessmentOf(db, loadOrg(db), { kind: 'week', from: '2026-12-07', to: '2026-12-13' }, AFTER_WEEK);
    expect(next.units.map((u) => [u.rank, u.tied])).toEqual(next.units.map(() => [1, next.units.length]));
    expect(next.units.map((u) => rankLabel(u.rank, u.tied))).toEqual(next.units.map(() => '并列第 1 名'));
    expect(next.units.map((u) => rankCell(u.rank, u.tied))).toEqual(next.units.map(() => '并列 1'));
    const a = assessed();
    for (const u of a.units) expect(u.tied).toBe(a.units.filter((o) => o.score === u.score).length);
    const alone = a.units.find((u) => u.tied === 1)!;
    expect(rankLabel(alone.rank, alone.tied)).toBe(`第 ${alone.rank} 名`);
    expect(rankCell(alone.rank, alone.tied)).toBe(String(alone.rank));
    const others: { score: number | null; tied: number }[][] = [a.zones, a.leadUnits];
    for (const list of others) for (const x of list) expect(x.tied).toBe(x.score === null ? 0 : list.filter((o) => o.score === x.score).length);
  });

  it('explains a deduction down to its ledger event, and an accepted appeal takes it off the live score', () => {
    const org = loadOrg(db);
    const before = explainUnit(db, org, assessed(), 'u-a', appealsOf(db));
    const problem = before.deductions.find((d) => d.kind === 'problem')!;
    expect(problem.issueId).toBe(week.overdueIssue);
    expect(problem.seq).toBeGreaterThan(0);
    expect(problem.what).toContain('督查发现');
    expect(before.deductions.find((d) => d.kind === 'missedDaily')!.what).toMatch(/^(垃圾桶清理|门前三包.*)未完成$/);
    // A weekly sweep names its week in words (the fixture's d-corner, missed by 县教育局 in week 47).
    expect(before.deductions.find((d) => d.kind === 'missedWeekly')!.what).toMatch(/未完成（2026年第47周（11月16日—11月22日））$/);

    const appealId = uuidv7();
    const filedAt = AFTER_WEEK + 60_000;
    pushEvents(db, actor(PEOPLE.headA), [{ id: eventIdAt(filedAt), unitId: 'u-a', clientTime: filedAt, kind: 'appeal.filed', payload: { appealId, deductionKey: problem.key, reason: '该处为施工单位堆放，已报住建局' } }], filedAt);
    pushEvents(db, actor(PEOPLE.command), [{ id: eventIdAt(filedAt + 1), unitId: 'u-a', clientTime: filedAt + 1, kind: 'appeal.decided', payload: { appealId, accepted: true, reason: '' } }], filedAt + 1);

    const after = assessed();
    const hand = handScores(db, new Set([problem.key]));
    expect(after.units.find((u) => u.unitId === 'u-a')!.score).toBe(hand.units.get('u-a'));
    expect(after.units.find((u) => u.unitId === 'u-a')!.score).toBeGreaterThan(before.score.score);
    const explained = explainUnit(db, org, after, 'u-a', appealsOf(db)).deductions.find((d) => d.key === problem.key)!;
    expect(explained).toMatchObject({ waived: true, appeal: { state: 'accepted' } });
  });

  it('refuses to explain a unit that has no score in the period, in Chinese, rather than answering with nothing', () => {
    expect(() => explainUnit(db, loadOrg(db), assessed(), 'u-nowhere', appealsOf(db))).toThrow('该单位不在这一期的考核中');
  });
});

function byIdOf(order: string[]) {
  return (x: unknown[], y: unknown[]) => order.indexOf(x[0] as string) - order.indexOf(y[0] as string);
}
