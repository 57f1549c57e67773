/*
 * The dashboard's figures checked against an independent count: the test walks every date × unit × duty itself,
 * judges each item with shared/schedule.ts dutyStatus from its OWN record of the ticks it sent (not from the
 * projection), and compares every figure the procedure returns. The county crosses 中秋, the National Day week
 * and two 调休 workdays, with late ticks, 补做 after a period closed, unticks and reticks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { issues as issuesTable } from '../../server/db/schema';
import { PACKAGE_CALENDAR, datesBetween, datesOfWeek, weekKeyOfDate } from '../../shared/calendar';
import { dueDate, dutyStatus } from '../../shared/schedule';
import { isBehind, lagOrder, type DutyStatus } from '../../shared/metrics';
import { OPEN_STATES } from '../../shared/issueFlow';
import { CATEGORIES } from '../../shared/categories';
import type { IssueRow } from '../../shared/projection';
import { DUTIES, DUTY_OWNERS, FROM, NOW, PEOPLE, TO, UNITS, ZONES, callerFor, reportCounty, staffOf, type ReportCounty } from './fixtures/reportCounty';
import { startOfDate, DAY } from '../../shared/calendar';
import { refusedAsync } from '../support/refusals';

const STATUSES: DutyStatus[] = ['not_due', 'pending', 'overdue', 'on_time', 'late', 'missed'];
type Tally = Record<DutyStatus, number>;
const blank = (): Tally => ({ not_due: 0, pending: 0, overdue: 0, on_time: 0, late: 0, missed: 0 });

/** The naive count: every date, every unit, every duty the unit owns, the item that falls on that date. */
function naiveCount(county: ReportCounty, unitIds: string[], from = FROM, to = TO, now = NOW) {
  const groups = new Map<string, Tally>();
  const bump = (group: string, status: DutyStatus) => {
    if (!groups.has(group)) groups.set(group, blank());
    groups.get(group)![status]++;
  };
  for (const date of datesBetween(from, to)) {
    for (const unit of UNITS.filter((u) => unitIds.includes(u.id))) {
      for (const duty of DUTIES) {
        if (DUTY_OWNERS[duty.id] && !DUTY_OWNERS[duty.id].includes(unit.id)) continue;
        let key = date;
        if (duty.cadence === 'weekly') {
          key = weekKeyOfDate(date);
          if ((dueDate(duty, key, PACKAGE_CALENDAR) ?? datesOfWeek(key)[0]) !== date) continue;
        }
        const status = dutyStatus(duty, key, county.checkedAt.get(`${unit.id}|${duty.id}|${key}`) ?? null, now, PACKAGE_CALENDAR);
        for (const g of ['total', `unit:${unit.id}`, `zone:${unit.zoneId}`, `day:${date}`, `week:${weekKeyOfDate(date)}`, `cell:${unit.id}:${date}`]) bump(g, status);
      }
    }
  }
  return (group: string) => groups.get(group) ?? blank();
}

const pick = (o: Tally) => Object.fromEntries(STATUSES.map((s) => [s, o[s]]));
// 完成率 written out here, not taken from shared/metrics.ts: done ÷ (done + missed + overdue).
const rateOf = (t: Tally) => (t.on_time + t.late + t.missed + t.overdue === 0 ? null : (t.on_time + t.late) / (t.on_time + t.late + t.missed + t.overdue));

let county: ReportCounty;
beforeAll(() => {
  county = reportCounty();
});

describe('report.completion', () => {
  it('equals a naive count over every unit × duty × period, county-wide, per unit, zone, day, week and heat-map cell', async () => {
    const report = await callerFor(county.db, PEOPLE.command).report.completion({ scope: 'county', from: FROM, to: TO });
    const expected = naiveCount(county, UNITS.map((u) => u.id));
    expect(county.events).toBeGreaterThan(300);
    expect(pick(report.total)).toEqual(expected('total'));
    expect(report.total.rate).toBeCloseTo(rateOf(expected('total'))!, 12);
    for (const u of report.byUnit) {
      expect(pick(u), u.unitName).toEqual(expected(`unit:${u.unitId}`));
      expect(u.rate).toEqual(rateOf(expected(`unit:${u.unitId}`)));
    }
    expect(report.byUnit.map((u) => u.unitId).sort()).toEqual(UNITS.map((u) => u.id));
    for (const z of report.byZone) expect(pick(z), z.zoneName).toEqual(expected(`zone:${z.zoneId}`));
    expect(report.byDay.map((d) => d.date)).toEqual(datesBetween(FROM, TO));
    for (const d of report.byDay) expect(pick(d), d.date).toEqual(expected(`day:${d.date}`));
    for (const w of report.byWeek) expect(pick(w), w.week).toEqual(expected(`week:${w.week}`));
    for (const row of report.heat!) {
      row.cells.forEach((cell, i) => {
        const t = expected(`cell:${row.unitId}:${report.dates[i]}`);
        expect(cell, `${row.unitId} ${report.dates[i]}`).toEqual({ done: t.on_time + t.late, missed: t.missed, overdue: t.overdue, pending: t.pending });
      });
    }
    // Every kind of outcome occurs, so none of them is compared only as zeros.
    for (const s of STATUSES) expect(report.total[s], s).toBeGreaterThan(0);
  });

  it('a long range across a new year (read another way, in one row per unit and duty) equals the naive count too', async () => {
    const [from, to] = ['2026-08-01', '2027-01-31'];
    const report = await callerFor(county.db, PEOPLE.command).report.completion({ scope: 'county', from, to });
    const expected = naiveCount(county, UNITS.map((u) => u.id), from, to);
    expect(report.heat).toBeNull();
    expect(pick(report.total)).toEqual(expected('total'));
    for (const u of report.byUnit) expect(pick(u), u.unitName).toEqual(expected(`unit:${u.unitId}`));
    for (const w of report.byWeek) expect(pick(w), w.week).toEqual(expected(`week:${w.week}`));
    for (const d of report.byDay) expect(pick(d), d.date).toEqual(expected(`day:${d.date}`));
    const within = await callerFor(county.db, PEOPLE.command).report.completion({ scope: 'county', from: FROM, to: TO });
    expect(report.total.on_time + report.total.late).toBe(within.total.on_time + within.total.late);
  });

  it('follows the holiday calendar: nothing working-days-only on 中秋 or National Day, the Friday sweep moved back, 调休 days due', async () => {
    const report = await callerFor(county.db, PEOPLE.command).report.completion({ scope: 'county', from: FROM, to: TO });
    const day = (date: string) => report.byDay.find((d) => d.date === date)!;
    // Six units: 垃圾桶清理 every day; 门前三包 on working days; 农贸市场 items for two units on working days.
    expect(day('2026-10-02').due).toBe(6); // a holiday Friday: bins only; the weekly sweep moved to Wed 30 Sept
    expect(day('2026-09-30').due).toBe(6 + 6 + 2 + 6);
    expect(day('2026-09-25').due).toBe(6); // 中秋
    expect(day('2026-09-24').due).toBe(6 + 6 + 2 + 6); // that week's Friday sweep moved back to Thursday
    expect(day('2026-10-10').due).toBe(6 + 6 + 2); // 调休 Saturday
    expect(day('2026-09-20').due).toBe(6 + 6 + 2 + 6); // 调休 Sunday: also the Sunday 宣传栏 check
    expect(day('2026-10-04').not_due).toBe(6 + 2); // National Day Sunday: 门前三包 and market not due
  });

  it('today is part settled, part open: this morning missed, this afternoon pending, the week still open', async () => {
    const report = await callerFor(county.db, PEOPLE.command).report.completion({ scope: 'county', from: '2026-10-14', to: '2026-10-14' });
    const expected = naiveCount(county, UNITS.map((u) => u.id), '2026-10-14', '2026-10-14');
    expect(pick(report.total)).toEqual(expected('total'));
    expect(report.total.pending).toBe(6); // 垃圾桶清理 at 17:00 not yet checked anywhere
  });

  it('puts the lagging unit first', async () => {
    const report = await callerFor(county.db, PEOPLE.command).report.completion({ scope: 'county', from: FROM, to: TO });
    // As the dashboard's unit table and the 通报 list them: byUnit with the shared isBehind and lagOrder.
    const lagging = report.byUnit.filter(isBehind).sort(lagOrder);
    expect(lagging[0].unitId).toBe('u6');
    const rates = lagging.map((u) => u.rate ?? 2);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(lagging.every((u) => u.missed + u.overdue > 0)).toBe(true);
  });

  it('a zone chief sees their zone and its units, with the same numbers as the naive count', async () => {
    const report = await callerFor(county.db, PEOPLE.chief2).report.completion({ scope: 'mine', from: FROM, to: TO });
    expect(report.byUnit.map((u) => u.unitId).sort()).toEqual(['u3', 'u4']);
    expect(report.byZone.map((z) => z.zoneId)).toEqual(['z2']);
    expect(pick(report.total)).toEqual(naiveCount(county, ['u3', 'u4'])('total'));
    expect(report.title).toBe('2号农贸市场片区'); // the zone by name, not 我负责的片区
  });
});

describe('report scope', () => {
  it('a dept_head cannot read another zone or its units, and gets a Chinese reason', async () => {
    const api = callerFor(county.db, PEOPLE.deptHead1);
    const zone = await refusedAsync(api.report.completion({ scope: { zoneId: 'z2' }, from: FROM, to: TO }));
    expect(zone.code).toBe('FORBIDDEN');
    expect(zone.message).toBe('您无权查看“2号农贸市场片区”的数据');
    expect((await refusedAsync(api.report.completion({ scope: { unitId: 'u3' }, from: FROM, to: TO }))).code).toBe('FORBIDDEN');
    expect((await refusedAsync(api.report.unitDay({ unitId: 'u4', date: '2026-10-13' }))).code).toBe('FORBIDDEN');
    expect((await refusedAsync(api.report.issueList({ zoneId: 'z3' }))).code).toBe('FORBIDDEN');
    expect((await refusedAsync(api.report.completion({ scope: 'county', from: FROM, to: TO }))).message).toMatch('全县');
    const mine = await api.report.completion({ scope: 'mine', from: FROM, to: TO });
    expect(mine.byUnit.map((u) => u.unitId).sort()).toEqual(['u1', 'u2']);
    const own = await api.report.completion({ scope: { zoneId: 'z1' }, from: FROM, to: TO });
    expect(pick(own.total)).toEqual(pick(mine.total));
  });

  it('staff and unit heads read their own unit only', async () => {
    for (const person of [PEOPLE.staff2, PEOPLE.head2]) {
      const api = callerFor(county.db, person);
      const mine = await api.report.completion({ scope: 'mine', from: FROM, to: TO });
      expect(mine.byUnit.map((u) => u.unitId)).toEqual(['u2']);
      expect(mine.title).toBe('县教育局');
      expect((await refusedAsync(api.report.completion({ scope: { zoneId: 'z1' }, from: FROM, to: TO }))).code).toBe('FORBIDDEN');
      expect((await refusedAsync(api.report.unitDay({ unitId: 'u1', date: '2026-10-13' }))).code).toBe('FORBIDDEN');
      const list = await api.report.issueList({});
      expect(list.issues.every((i) => i.unitId === 'u2')).toBe(true);
    }
  });

  it('refuses a backwards or over-long range with a Chinese message', async () => {
    const api = callerFor(county.db, PEOPLE.command);
    expect((await refusedAsync(api.report.completion({ scope: 'county', from: TO, to: FROM }))).code).toBe('BAD_REQUEST');
    expect((await refusedAsync(api.report.completion({ scope: 'county', from: '2025-01-01', to: '2026-12-31' }))).code).toBe('BAD_REQUEST');
    expect((await refusedAsync(api.report.completion({ scope: 'county', from: '2026-02-30', to: '2026-03-01' }))).code).toBe('BAD_REQUEST');
  });
});

describe('report.unitDay', () => {
  it('lists each item of the day and the week, done or not, by whom and when', async () => {
    const date = '2026-10-13';
    const day = await callerFor(county.db, PEOPLE.deptHead1).report.unitDay({ unitId: 'u1', date });
    expect(day.items.map((i) => i.dutyId)).toEqual(['d-sweep', 'd-bins', 'd-market', 'd-corner', 'd-board']);
    for (const item of day.items) {
      const at = county.checkedAt.get(`u1|${item.dutyId}|${item.periodKey}`) ?? null;
      const duty = DUTIES.find((d) => d.id === item.dutyId)!;
      expect(item.status).toBe(dutyStatus(duty, item.periodKey, at, NOW, PACKAGE_CALENDAR));
      expect(item.checkedAt).toBe(at);
      expect(item.checkedByName).toBe(at === null ? null : staffOf('u1').name);
    }
  });
});

describe('report.issues', () => {
  it('equals a naive count of reported, rectified, verified, overdue, 返工 and 按期整改率', async () => {
    const report = await callerFor(county.db, PEOPLE.command).report.issues({ scope: 'county', from: '2026-09-20', to: '2026-10-10' });
    const rows: IssueRow[] = county.db.select().from(issuesTable).all();
    const start = startOfDate('2026-09-20');
    const end = startOfDate('2026-10-10') + DAY;
    const inRange = (t: number | null) => t !== null && t >= start && t < end;
    const naive = (rs: IssueRow[]) => {
      const due = rs.filter((r) => r.state !== 'rejected' && inRange(r.deadlineAt) && r.deadlineAt <= NOW);
      const byDeadline = due.filter((r) => ['rectified', 'verified'].includes(r.state) && r.rectifiedAt! <= r.deadlineAt).length;
      return {
        reported: rs.filter((r) => inRange(r.reportedAt)).length,
        rectified: rs.filter((r) => ['rectified', 'verified'].includes(r.state) && inRange(r.rectifiedAt)).length,
        verified: rs.filter((r) => r.state === 'verified' && inRange(r.verifiedAt)).length,
        rejected: rs.filter((r) => r.state === 'rejected' && inRange(r.closedAt)).length,
        reopens: rs.filter((r) => inRange(r.reportedAt)).reduce((n, r) => n + r.reopenCount, 0),
        open: rs.filter((r) => OPEN_STATES.includes(r.state)).length,
        overdue: rs.filter((r) => OPEN_STATES.includes(r.state) && r.deadlineAt < NOW).length,
        deadlinesDue: due.length,
        rectifiedByDeadline: byDeadline,
        onTimeRectifyRate: due.length ? byDeadline / due.length : null,
      };
    };
    expect(rows.length).toBe(40);
    expect(report.total).toEqual(naive(rows));
    for (const z of ZONES) expect(report.byZone.find((x) => x.zoneId === z.id)).toMatchObject(naive(rows.filter((r) => r.zoneId === z.id)));
    for (const u of UNITS) expect(report.byUnit.find((x) => x.unitId === u.id)).toMatchObject(naive(rows.filter((r) => r.unitId === u.id)));
    for (const c of CATEGORIES) expect(report.byCategory.find((x) => x.category === c)).toMatchObject(naive(rows.filter((r) => r.category === c)));
    // The generated issues reach every figure.
    for (const k of ['reported', 'rectified', 'verified', 'rejected', 'reopens', 'open', 'overdue', 'deadlinesDue', 'rectifiedByDeadline'] as const) {
      expect(report.total[k], k).toBeGreaterThan(0);
    }
  });

  it('lists issues by filter and shows an issue history with actor names', async () => {
    const api = callerFor(county.db, PEOPLE.command);
    const overdue = await api.report.issueList({ overdue: true });
    expect(overdue.issues.length).toBeGreaterThan(0);
    expect(overdue.issues.every((i) => i.overdue && OPEN_STATES.includes(i.state))).toBe(true);
    const reopened = (await api.report.issueList({})).issues.find((i) => i.reopenCount > 0)!;
    const history = await api.report.issueHistory({ issueId: reopened.id });
    expect(history[0]).toMatchObject({ kind: 'issue.reported', actorName: '刘洋' });
    expect(history.map((h) => h.kind)).toContain('issue.verified');
    expect(history.some((h) => h.kind === 'issue.rectified' && h.actorName === (reopened.unitId === 'u2' ? '吴芳' : staffOf(reopened.unitId).name))).toBe(true);
    const other = (await api.report.issueList({ zoneId: 'z3' })).issues[0];
    expect((await refusedAsync(callerFor(county.db, PEOPLE.deptHead1).report.issueHistory({ issueId: other.id }))).code).toBe('NOT_FOUND');
  });
});
