/*
 * Exports read back the way a person's software would: the XLSX opened with exceljs (sheets, headers, frozen
 * header row, numbers equal to the report, rates as numbers in a percent format), the CSV checked for its BOM
 * and parsed back with csv-parse to the same rows. Who may export, and the 通报 data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { units } from '../../server/db/schema';
import { checkpointLabel, percentLabel } from '../../shared/labels';
import { ledgerCheckpoint, verifyLedger } from '../../server/domain/ledgerChain';
import { OPEN_STATES } from '../../shared/issueFlow';
import { refusedAsync } from '../support/refusals';
import { FROM, NOW, PEOPLE, TO, UNITS, callerFor, reportCounty, type ReportCounty } from './fixtures/reportCounty';

let county: ReportCounty;
const TRICKY_NAME = '县第一中学（"文明校园",示范）';
beforeAll(() => {
  county = reportCounty();
  // A name with a quote and a comma, to see the CSV quoting work.
  county.db.update(units).set({ name: TRICKY_NAME }).where(eq(units.id, 'u5')).run();
});

const cellText = (v: ExcelJS.CellValue) => (v === null || v === undefined ? null : v);

describe('export.xlsx', () => {
  it('opens with seven sheets (考核得分 last), Chinese headers in a frozen row, the report numbers, and rates in a percent format', async () => {
    const api = callerFor(county.db, PEOPLE.command);
    const file = await api.export.xlsx({ scope: 'county', from: FROM, to: TO });
    expect(file.filename).toBe(`片区通_汇总_${FROM}_${TO}.xlsx`);
    const report = await api.report.completion({ scope: 'county', from: FROM, to: TO });
    const issues = await api.report.issues({ scope: 'county', from: FROM, to: TO });

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总', '按片区', '按单位', '每日明细', '问题清单', '群众满意度', '考核得分']);
    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).font?.bold).toBe(true);
    }

    const byUnit = book.getWorksheet('按单位')!;
    expect((byUnit.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
      '片区', '单位', '应完成', '按时完成', '逾期完成', '未完成', '已超时', '待完成', '完成率', '按时完成率', '上报问题', '已整改', '超期未整改', '返工次数', '按期整改率',
    ]);
    expect(byUnit.rowCount).toBe(1 + UNITS.length);
    for (let r = 2; r <= byUnit.rowCount; r++) {
      const row = byUnit.getRow(r);
      const unit = report.byUnit.find((u) => u.unitName === row.getCell(2).value)!;
      expect(unit, String(row.getCell(2).value)).toBeDefined();
      expect([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value, row.getCell(6).value]).toEqual([unit.dueByNow, unit.on_time, unit.late, unit.missed]);
      expect(row.getCell(9).value).toBe(unit.rate);
      expect(row.getCell(9).numFmt).toBe('0.0%');
      expect(row.getCell(11).value).toBe(issues.byUnit.find((u) => u.unitId === unit.unitId)!.reported);
    }

    const summary = book.getWorksheet('汇总')!;
    const item = (name: string) => {
      for (let r = 2; r <= summary.rowCount; r++) if (summary.getRow(r).getCell(1).value === name) return summary.getRow(r).getCell(2);
      throw new Error(`no row ${name}`);
    };
    expect(item('统计范围').value).toBe('全县');
    expect(item('未完成').value).toBe(report.total.missed);
    expect(item('完成率').value).toBe(report.total.rate);
    expect(item('完成率').numFmt).toBe('0.0%');
    expect(item('按期整改率').value).toBe(issues.total.onTimeRectifyRate);
    // The ledger these figures came from, checkable later with admin verify --checkpoint.
    const checkpoint = ledgerCheckpoint(county.db.$client);
    expect(checkpoint.seq).toBeGreaterThan(0);
    expect(item('台账校验').value).toBe(checkpointLabel(checkpoint));

    const daily = book.getWorksheet('每日明细')!;
    const rows = daily.getSheetValues().slice(2) as ExcelJS.CellValue[][];
    // Dates are real Excel dates (sortable, filterable) shown the Chinese way, not text.
    expect(daily.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(daily.getRow(2).getCell(1).numFmt).toBe('yyyy"年"m"月"d"日"');
    const doneOct13 = rows.filter((r) => (r[1] as Date).toISOString().slice(0, 10) === '2026-10-13').reduce((n, r) => n + (r[5] as number), 0);
    const day = report.byDay.find((d) => d.date === '2026-10-13')!;
    expect(doneOct13).toBe(day.done);

    const list = book.getWorksheet('问题清单')!;
    expect(cellText(list.getRow(1).getCell(8).value)).toBe('状态');
    expect(list.rowCount).toBeGreaterThan(1);
    // A moment is written as Shanghai's wall-clock time, to the minute the screens show.
    const reportedAt = list.getRow(2).getCell(1);
    expect(reportedAt.value).toBeInstanceOf(Date);
    expect(reportedAt.numFmt).toBe('yyyy"年"m"月"d"日" hh:mm');
    const shown = (reportedAt.value as Date).toISOString().slice(0, 16).replace('T', ' ');
    expect(shown).toMatch(/^2026-\d\d-\d\d \d\d:\d\d$/);
    expect(item('生成时间').value).toBeInstanceOf(Date);
    // Columns fit their content: the widest unit name fits in the 单位 column of 按单位.
    const widthOf = (name: string) => [...name].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) > 0xff ? 2 : 1), 0);
    const widest = Math.max(...report.byUnit.map((u) => widthOf(u.unitName)));
    expect(byUnit.getColumn(2).width).toBeGreaterThanOrEqual(Math.min(60, widest));
    const zones = book.getWorksheet('按片区')!;
    expect(zones.getRow(2).getCell(1).value).toBe(1);
    expect(zones.getRow(2).getCell(2).value).toBe('1号人民广场片区');
  });
});

describe('export.csv', () => {
  it('starts with the UTF-8 BOM and parses back to the same rows as the 按单位 table', async () => {
    const api = callerFor(county.db, PEOPLE.command);
    const file = await api.export.csv({ scope: 'county', from: FROM, to: TO });
    expect(file.filename).toBe(`片区通_按单位_${FROM}_${TO}.csv`);
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes, { bom: true });
    const report = await api.report.completion({ scope: 'county', from: FROM, to: TO });
    const issues = await api.report.issues({ scope: 'county', from: FROM, to: TO });
    expect(rows[0].slice(0, 3)).toEqual(['片区', '单位', '应完成']);
    expect(rows.length).toBe(1 + report.byUnit.length);
    const zoneName: Record<string, string> = { z1: '1号人民广场片区', z2: '2号农贸市场片区', z3: '3号五小厂片区' };
    const expected = report.byUnit.map((u) => {
      const i = issues.byUnit.find((x) => x.unitId === u.unitId)!;
      return [zoneName[u.zoneId], u.unitName, u.dueByNow, u.on_time, u.late, u.missed, u.overdue, u.pending, percentLabel(u.rate), percentLabel(u.onTimeRate), i.reported, i.rectified, i.overdue, i.reopens, percentLabel(i.onTimeRectifyRate)].map(String);
    });
    expect(rows.slice(1)).toEqual(expected);
    expect(rows.slice(1).map((r) => r[1])).toContain(TRICKY_NAME);
    expect(bytes.toString('utf8')).toContain('"县第一中学（""文明校园"",示范）"');
  });
});

describe('who may export', () => {
  it('staff and inspectors are refused with a Chinese message', async () => {
    for (const person of [PEOPLE.staff2, PEOPLE.inspector]) {
      const api = callerFor(county.db, person);
      const e = await refusedAsync(api.export.xlsx({ scope: 'mine', from: FROM, to: TO }));
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toBe('您的角色无权进行此操作');
      expect((await refusedAsync(api.export.csv({ scope: 'mine', from: FROM, to: TO }))).code).toBe('FORBIDDEN');
      expect((await refusedAsync(api.export.bulletin({}))).code).toBe('FORBIDDEN');
    }
  });

  it('heads export within their scope only', async () => {
    const dept = callerFor(county.db, PEOPLE.deptHead1);
    expect((await refusedAsync(dept.export.xlsx({ scope: { zoneId: 'z2' }, from: FROM, to: TO }))).code).toBe('FORBIDDEN');
    const mine = await dept.export.csv({ scope: 'mine', from: FROM, to: TO });
    const rows: string[][] = parse(Buffer.from(mine.base64, 'base64'), { bom: true });
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(['县教育局', '县住建局'].sort());
    const head = callerFor(county.db, PEOPLE.head2);
    const own = await head.export.csv({ scope: 'mine', from: FROM, to: TO });
    expect((parse(Buffer.from(own.base64, 'base64'), { bom: true }) as string[][]).slice(1).map((r) => r[1])).toEqual(['县教育局']);
    expect((await refusedAsync(head.export.xlsx({ scope: { unitId: 'u1' }, from: FROM, to: TO }))).code).toBe('FORBIDDEN');
  });
});

describe('export.bulletin', () => {
  it('covers the 5 days ending yesterday, compares with the 5 before, ranks zones and names units with their missed duties', async () => {
    const api = callerFor(county.db, PEOPLE.command);
    const b = await api.export.bulletin({});
    expect(b.title).toBe('创建国家卫生县城工作通报');
    expect(b.issuer).toBe('创卫指挥部');
    expect(b.period).toEqual({ from: '2026-10-09', to: '2026-10-13', days: 5 });
    expect(b.previous).toEqual({ from: '2026-10-04', to: '2026-10-08' });
    expect(b.number).toBeGreaterThanOrEqual(1);
    const checkpoint = ledgerCheckpoint(county.db.$client);
    expect(b.checkpoint).toEqual(checkpoint);
    const [seq, hash] = checkpointLabel(b.checkpoint).split(':');
    expect(verifyLedger(county.db.$client, { seq: Number(seq), hash })).toEqual({ ok: true, checkpoint });
    const now = await api.report.completion({ scope: 'county', from: '2026-10-09', to: '2026-10-13' });
    const before = await api.report.completion({ scope: 'county', from: '2026-10-04', to: '2026-10-08' });
    expect(b.overall.rate).toBe(now.total.rate);
    expect(b.overall.missed).toBe(now.total.missed);
    expect(b.prior.rate).toBe(before.total.rate);
    const rates = b.zonesRanked.map((z) => z.rate ?? -1);
    expect(rates).toEqual([...rates].sort((x, y) => y - x));
    expect(b.zonesRanked.map((z) => z.rank)).toEqual([1, 2, 3]);
    const lagging = now.byUnit.filter((u) => u.missed + u.overdue > 0).sort((x, y) => (x.rate ?? 2) - (y.rate ?? 2) || y.missed - x.missed || y.overdue - x.overdue);
    expect(b.unitsNamed.map((u) => u.unitId)).toEqual(lagging.slice(0, 10).map((u) => u.unitId));
    expect(b.otherUnitsWithMisses).toBe(Math.max(0, lagging.length - 10));
    for (const u of b.unitsNamed) expect(u.duties.reduce((n, d) => n + d.missed, 0)).toBe(u.missed);
    expect(b.unitsNamed[0].duties[0].title).toMatch(/清扫|清理|整理|检查/);
    for (const x of b.overdueIssues) expect(x.deadlineAt).toBeLessThan(NOW);
    const open = await api.report.issueList({ overdue: true });
    expect(b.overdueIssues.length).toBe(open.issues.length);
    expect(open.issues.every((i) => OPEN_STATES.includes(i.state))).toBe(true);
  });

  it('a zone chief gets a bulletin of their own zone', async () => {
    const b = await callerFor(county.db, PEOPLE.chief2).export.bulletin({ end: '2026-10-13' });
    expect(b.zonesRanked.map((z) => z.zoneId)).toEqual(['z2']);
    expect(b.scopeTitle).toBe('2号农贸市场片区');
  });
});
