/*
 * Every figure the same on every surface. For the fixture county the test works out each figure itself, by hand
 * (its own judging of each item from its own record of the ticks, its own rates, lag order and days overdue; no
 * call into shared/metrics.ts), then reads every surface a person sees and compares: the dashboard's procedures,
 * the XLSX read back with exceljs, the CSV parsed back, the 通报 rendered as the dashboard renders it, the alerts.
 * Three ranges: the 5 days of a bulletin (all settled), today at noon (part pending), and this week (part overdue);
 * and a morning before anything is due, where the rate is "—" everywhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { h, render } from 'preact';
import { Window } from 'happy-dom';
import { BulletinSheet } from '../../extension/components/dashboard/BulletinSheet';
import { issues as issuesTable } from '../../server/db/schema';
import { DAY, PACKAGE_CALENDAR, datesBetween, datesOfWeek, weekKeyOfDate } from '../../shared/calendar';
import { dueAt, periodEnd } from '../../shared/schedule';
import { isBehind, lagOrder } from '../../shared/metrics';
import { DUTIES, DUTY_OWNERS, NOW, PEOPLE, UNITS, ZONES, callerFor, reportCounty, type ReportCounty } from './fixtures/reportCounty';

type State = 'not_due' | 'pending' | 'overdue' | 'on_time' | 'late' | 'missed';
interface Hand {
  on_time: number;
  late: number;
  missed: number;
  overdue: number;
  pending: number;
  /** 应完成 */
  owed: number;
  done: number;
  rate: number | null;
  onTimeRate: number | null;
}

/** The words the county reads, written out here. */
const WORD: Record<Exclude<State, 'not_due'>, string> = { pending: '待完成', overdue: '已超时', on_time: '按时完成', late: '逾期完成', missed: '未完成' };
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function judge(due: number, end: number, checkedAt: number | null, now: number): Exclude<State, 'not_due'> {
  if (checkedAt !== null) return checkedAt <= due ? 'on_time' : 'late';
  if (now <= due) return 'pending';
  return now < end ? 'overdue' : 'missed';
}

function figures(states: State[]): Hand {
  const n = (s: State) => states.filter((x) => x === s).length;
  const done = n('on_time') + n('late');
  const owed = done + n('missed') + n('overdue');
  return {
    on_time: n('on_time'), late: n('late'), missed: n('missed'), overdue: n('overdue'), pending: n('pending'),
    owed, done, rate: owed ? done / owed : null, onTimeRate: owed ? n('on_time') / owed : null,
  };
}

/** Every item of the range by hand: (unit, date it counts on, state). A weekly item counts on its due date. */
function items(county: ReportCounty, from: string, to: string, now: number) {
  const out: { unitId: string; zoneId: string; date: string; state: State }[] = [];
  for (const unit of UNITS) {
    for (const duty of DUTIES) {
      if (DUTY_OWNERS[duty.id] && !DUTY_OWNERS[duty.id].includes(unit.id)) continue;
      const keys = duty.cadence === 'daily' ? datesBetween(from, to) : [...new Set(datesBetween(from, to).map(weekKeyOfDate))];
      for (const key of keys) {
        const due = dueAt(duty, key, PACKAGE_CALENDAR);
        const firstDay = duty.cadence === 'daily' ? key : datesOfWeek(key)[0];
        const date = due === null ? firstDay : new Date(due + 8 * 3600_000).toISOString().slice(0, 10);
        if (date < from || date > to) continue;
        const state = due === null ? 'not_due' : judge(due, periodEnd(duty.cadence, key), county.checkedAt.get(`${unit.id}|${duty.id}|${key}`) ?? null, now);
        out.push({ unitId: unit.id, zoneId: unit.zoneId, date, state });
      }
    }
  }
  return out;
}

/** Worst first: lowest rate, then most missed, then most overdue; nothing owed yet last. */
const handLag = (a: Hand, b: Hand) => (a.rate ?? 2) - (b.rate ?? 2) || b.missed - a.missed || b.overdue - a.overdue;

let county: ReportCounty;
beforeAll(() => {
  county = reportCounty();
});

const RANGES = [
  { label: 'a bulletin’s 5 settled days', from: '2026-10-09', to: '2026-10-13' },
  { label: 'today at noon, part pending', from: '2026-10-14', to: '2026-10-14' },
  { label: 'this week, part overdue', from: '2026-10-12', to: '2026-10-18' },
];

describe.each(RANGES)('every surface agrees with the hand count: $label', ({ from, to }) => {
  const hand = () => {
    const all = items(county, from, to, NOW);
    const of = (pred: (i: (typeof all)[number]) => boolean) => figures(all.filter(pred).map((i) => i.state));
    return { all, total: of(() => true), unit: (id: string) => of((i) => i.unitId === id), zone: (id: string) => of((i) => i.zoneId === id), cell: (u: string, d: string) => of((i) => i.unitId === u && i.date === d) };
  };
  const same = (actual: { [k in keyof Hand | "dueByNow"]?: unknown }, expected: Hand, what: string) => {
    expect(
      { on_time: actual.on_time, late: actual.late, missed: actual.missed, overdue: actual.overdue, pending: actual.pending, owed: actual.dueByNow, done: actual.done, rate: actual.rate, onTimeRate: actual.onTimeRate },
      what,
    ).toEqual(expected);
  };

  it('the dashboard’s procedures: totals, every zone and unit, and the lagging list in lag order', async () => {
    const h = hand();
    const report = await callerFor(county.db, PEOPLE.command).report.completion({ scope: 'county', from, to });
    same(report.total, h.total, 'total');
    for (const z of report.byZone) same(z, h.zone(z.zoneId), z.zoneName);
    for (const u of report.byUnit) same(u, h.unit(u.unitId), u.unitName);
    const behind = UNITS.map((u) => ({ id: u.id, ...h.unit(u.id) })).filter((u) => u.missed + u.overdue > 0);
    // The dashboard's unit table and the 通报 order byUnit with the shared isBehind and lagOrder.
    expect(report.byUnit.filter(isBehind).sort(lagOrder).map((u) => [u.rate, u.missed, u.overdue])).toEqual([...behind].sort(handLag).map((u) => [u.rate, u.missed, u.overdue]));
  });

  it('the XLSX: 汇总, 按片区, 按单位 and 每日明细 cells, under the same words', async () => {
    const h = hand();
    const file = await callerFor(county.db, PEOPLE.command).export.xlsx({ scope: 'county', from, to });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const value = (v: ExcelJS.CellValue) => (v === undefined || v === null ? null : v === '—' ? null : v);
    const rowsOf = (name: string) => {
      const sheet = book.getWorksheet(name)!;
      const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1) as string[];
      const rows: Record<string, ExcelJS.CellValue>[] = [];
      for (let r = 2; r <= sheet.rowCount; r++) rows.push(Object.fromEntries(headers.map((k, i) => [k, value(sheet.getRow(r).getCell(i + 1).value)])));
      return rows;
    };
    const asHand = (r: Record<string, ExcelJS.CellValue>) => ({
      on_time: r[WORD.on_time], late: r[WORD.late], missed: r[WORD.missed], overdue: r[WORD.overdue], pending: r[WORD.pending],
      dueByNow: r['应完成'], done: (r[WORD.on_time] as number) + (r[WORD.late] as number), rate: r['完成率'], onTimeRate: r['按时完成率'],
    });
    const summary = Object.fromEntries(rowsOf('汇总').map((r) => [r['项目'] as string, r['数值']]));
    same(asHand(summary), h.total, '汇总');
    for (const r of rowsOf('按片区')) same(asHand(r), h.zone(ZONES.find((z) => z.name === r['片区'])!.id), `按片区 ${r['片区']}`);
    for (const r of rowsOf('按单位')) same(asHand(r), h.unit(UNITS.find((u) => u.name === r['单位'])!.id), `按单位 ${r['单位']}`);
    const daily = rowsOf('每日明细');
    for (const date of datesBetween(from, to)) {
      for (const unit of UNITS) {
        const c = h.cell(unit.id, date);
        // 日期 is a real Excel date (midnight of that day), not text.
        const row = daily.find((r) => (r['日期'] as Date).toISOString().slice(0, 10) === date && r['单位'] === unit.name);
        if (c.owed + c.pending === 0) {
          expect(row, `${date} ${unit.name}`).toBeUndefined();
          continue;
        }
        expect(row, `${date} ${unit.name}`).toBeDefined();
        expect([row!['应完成'], row!['已完成'], row![WORD.missed], row![WORD.overdue], row![WORD.pending], row!['完成率']], `${date} ${unit.name}`).toEqual([c.owed, c.done, c.missed, c.overdue, c.pending, c.rate]);
      }
    }
  });

  it('the CSV: every unit’s row, rates as the same percentages', async () => {
    const h = hand();
    const file = await callerFor(county.db, PEOPLE.command).export.csv({ scope: 'county', from, to });
    const [headers, ...rows] = parse(Buffer.from(file.base64, 'base64'), { bom: true }) as string[][];
    const col = (name: string) => headers.indexOf(name);
    expect(rows.length).toBe(UNITS.length);
    for (const row of rows) {
      const u = h.unit(UNITS.find((x) => x.name === row[col('单位')])!.id);
      expect([WORD.on_time, WORD.late, WORD.missed, WORD.overdue, WORD.pending, '应完成', '完成率', '按时完成率'].map((k) => row[col(k)])).toEqual(
        [u.on_time, u.late, u.missed, u.overdue, u.pending, u.owed].map(String).concat(pct(u.rate), pct(u.onTimeRate)),
      );
    }
  });
});

describe('the 通报, as printed', () => {
  it('says the same numbers as the hand count: overall, the zone ranking, the units named, the days overdue', async () => {
    const [from, to] = ['2026-10-09', '2026-10-13'];
    const all = items(county, from, to, NOW);
    const t = figures(all.map((i) => i.state));
    const b = await callerFor(county.db, PEOPLE.command).export.bulletin({});
    expect(b.period).toMatchObject({ from, to });
    // Rendered as the dashboard renders it, into a happy-dom document (preact creates elements through `document`).
    const { document } = new Window();
    const root = document.createElement('div');
    Object.assign(globalThis, { document });
    try {
      render(h(BulletinSheet, { b }), root as unknown as Element);
    } finally {
      Reflect.deleteProperty(globalThis, 'document');
    }
    const text = root.textContent!.replace(/\s+/g, '');

    expect(text).toContain(`本期应完成责任清单事项${t.owed}项，已完成${t.done}项，完成率${pct(t.rate)}，按时完成率${pct(t.onTimeRate)}；未完成${t.missed}项`);

    // Zones best first: the hand lag order reversed, nothing-owed last, then by number.
    const zones = ZONES.map((z) => ({ ...z, ...figures(all.filter((i) => i.zoneId === z.id).map((i) => i.state)) }));
    const ranked = [...zones].sort((a, c) => ((a.rate === null) !== (c.rate === null) ? (a.rate === null ? 1 : -1) : handLag(c, a)) || a.number - c.number);
    const rows = [...root.querySelectorAll('table.bulletin-table')[0].querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual(ranked.map((z, i) => [String(i + 1), z.name, String(UNITS.filter((u) => u.zoneId === z.id).length), String(z.owed), String(z.missed), String(z.overdue), pct(z.rate), pct(z.onTimeRate)]));

    const behind = UNITS.map((u) => ({ ...u, ...figures(all.filter((i) => i.unitId === u.id).map((i) => i.state)) }))
      .filter((u) => u.missed + u.overdue > 0)
      .sort(handLag);
    const named = [...root.querySelectorAll('ol.named li')].map((li) => li.textContent!.replace(/\s+/g, ''));
    expect(named.length).toBe(Math.min(10, behind.length));
    named.forEach((line, i) => {
      const u = behind[i];
      expect(line).toContain(`${u.name}（${ZONES.find((z) => z.id === u.zoneId)!.name}）：未完成${u.missed}项`);
      expect(line).toContain(`完成率${pct(u.rate)}`);
    });

    // 超期天数: whole days past the deadline, rounded up, for every open issue past its deadline.
    const open = county.db.select().from(issuesTable).all().filter((r) => ['reported', 'assigned', 'reopened'].includes(r.state) && r.deadlineAt < NOW);
    expect(open.length).toBeGreaterThan(0);
    const days = new Map(open.map((r) => [r.id, Math.ceil((NOW - r.deadlineAt) / DAY)]));
    const overdueRows = [...root.querySelectorAll('table.bulletin-table')[1].querySelectorAll('tbody tr')].map((tr) => tr.lastElementChild!.textContent);
    expect(overdueRows.sort()).toEqual([...days.values()].map(String).sort());

    const alerts = await callerFor(county.db, PEOPLE.command).supervision.alerts();
    for (const a of alerts) expect(a.overdueDays, a.id).toBe(days.get(a.id));
    const xlsx = await callerFor(county.db, PEOPLE.command).export.xlsx({ scope: 'county', from, to });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const list = book.getWorksheet('问题清单')!;
    const header = (list.getRow(1).values as ExcelJS.CellValue[]).indexOf('超期天数');
    const listed = [];
    for (let r = 2; r <= list.rowCount; r++) if (list.getRow(r).getCell(header).value !== null) listed.push(list.getRow(r).getCell(header).value);
    expect(listed.map(String).sort()).toEqual([...days.values()].map(String).sort());
  });
});

describe('before anything is due', () => {
  it('reads "—", not 100%, on every surface, with the items still to do counted as 待完成', async () => {
    // Tomorrow, seen at noon today: every item of it is still to come.
    const day = '2026-10-15';
    const api = callerFor(county.db, PEOPLE.command);
    const report = await api.report.completion({ scope: 'county', from: day, to: day });
    const hand = figures(items(county, day, day, NOW).map((i) => i.state));
    expect(hand.pending).toBeGreaterThan(0);
    expect(hand.rate).toBeNull();
    expect(report.total.rate).toBeNull();
    expect(report.total.pending).toBe(hand.pending);
    const csv = parse(Buffer.from((await api.export.csv({ scope: 'county', from: day, to: day })).base64, 'base64'), { bom: true }) as string[][];
    const rateCol = csv[0].indexOf('完成率');
    expect(csv.slice(1).map((r) => r[rateCol])).toEqual(UNITS.map(() => '—'));
  });
});
