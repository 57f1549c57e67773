/*
 * Roster and duty-list import: good CSV and XLSX files import; a file with bad rows is refused whole, with every
 * bad line named in Chinese, and the database is left exactly as it was; re-importing changes nothing, and an
 * edited file updates by name instead of duplicating.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { openDb, type Db } from '../../server/db/open';
import { duties, gridCells, people, units, zones } from '../../server/db/schema';
import { importRoster, type ImportResult } from '../../server/domain/roster';
import { readCsv, readRosterFile, readXlsx, RosterFileError } from '../../server/domain/rosterFile';
import { loadOrg } from '../../server/domain/org';
import { pushEvents } from '../../server/domain/ledger';
import { instantAt } from '../../shared/calendar';

import { fingerprint } from '../support/dbFingerprint';
import { smallCounty } from './fixtures/smallCounty';
import { eventIdAt } from '../../shared/eventId';

/** When the imports happen: what they change is in effect from that day (the tick below is later that day). */
const IMPORTED_AT = instantAt('2026-11-27', '07:00');

const fixture = (name: string) => readFileSync(`tests/fixtures/${name}`);
const ROSTER_HEAD = '片区编号,片区名称,单位,是否牵头单位,网格,网格责任人,姓名,角色';
const DUTY_HEAD = '类别,事项,要求,频次,截止时间,截止星期,仅工作日,适用单位';

function importCsv(db: Db, name: string, text?: string): ImportResult {
  return importRoster(db, readCsv(text ?? fixture(name), name), { at: IMPORTED_AT });
}

function imported(db: Db) {
  const byUnit = new Map(db.select().from(units).all().map((u) => [u.id, u.name]));
  return {
    zones: db.select().from(zones).all(),
    units: db.select().from(units).all(),
    cells: db.select().from(gridCells).all(),
    people: db.select().from(people).all().map((p) => ({ ...p, unitName: p.unitId ? byUnit.get(p.unitId) : null })),
  };
}

function expectOk(result: ImportResult) {
  if (!result.ok) throw new Error(`import refused:\n${result.errors.join('\n')}`);
  return result.preview.counts;
}

describe('importing a good roster and duty list', () => {
  it('a CSV roster (with the BOM Excel writes) creates zones, units, grid cells, people, chiefs and lead units', () => {
    const db = openDb(':memory:');
    expect(fixture('roster.csv').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const counts = expectOk(importCsv(db, 'roster.csv'));
    expect(counts).toMatchObject({ zones: { added: 2 }, units: { added: 4 }, gridCells: { added: 7 }, people: { added: 16 } });
    const { zones: z, people: p, cells } = imported(db);
    const person = (name: string) => p.find((x) => x.name === name)!;
    expect(person('王强')).toMatchObject({ role: 'dept_head', unitName: '县住建局' });
    expect(person('赵敏')).toMatchObject({ role: 'unit_head', unitName: '县教育局' });
    expect(person('张伟')).toMatchObject({ role: 'staff', unitName: '县教育局' });
    expect(person('刘洋')).toMatchObject({ role: 'inspector', unitId: null });
    expect(person('孙丽')).toMatchObject({ role: 'command', unitId: null });
    const zone1 = z.find((x) => x.number === 1)!;
    expect(zone1.name).toBe('1号人民广场片区');
    expect(zone1.chiefPersonId).toBe(person('陈刚').id);
    expect(zone1.leadUnitId).toBe(person('王强').unitId);
    expect(cells.find((c) => c.name === '农贸市场北侧')).toMatchObject({ personName: '何静', zoneId: z.find((x) => x.number === 2)!.id });
  });

  it('a CSV duty list replaces the untouched default list with daily and weekly items, some for named units only', () => {
    const db = openDb(':memory:');
    expectOk(importCsv(db, 'roster.csv'));
    // Five of the seven items share a title with the default list and take it over; the other ten go.
    expect(expectOk(importCsv(db, 'duties.csv')).duties).toMatchObject({ added: 2, changed: 5, replaced: 10, leftOut: 0 });
    expect(loadOrg(db).duties.map((d) => d.title)).toHaveLength(7);
    const org = loadOrg(db);
    const duty = (title: string) => org.duties.find((d) => d.title === title)!;
    expect(duty('门前车辆停放秩序')).toMatchObject({ category: 'traffic_order', cadence: 'daily', dueTime: '09:30', workingDaysOnly: true, unitIds: [] });
    expect(duty('健康教育宣传栏更新')).toMatchObject({ cadence: 'weekly', dueWeekday: 3, dueTime: '17:00' });
    const unitName = (id: string) => org.unitById.get(id)!.name;
    expect(duty('农贸市场地面冲洗').unitIds.map(unitName)).toEqual(['中心农贸市场']);
    expect(duty('农贸市场防蝇设施检查').unitIds.map(unitName).sort()).toEqual(['中心农贸市场', '县市场监管局'].sort());
    expect(duty('农贸市场地面冲洗').workingDaysOnly).toBe(false);
  });

  it('an imported county works: its staff tick its duties through the ledger', () => {
    const db = openDb(':memory:');
    expectOk(importCsv(db, 'roster.csv'));
    expectOk(importCsv(db, 'duties.csv'));
    const org = loadOrg(db);
    const staff = db.select().from(people).all().find((p) => p.name === '张伟')!;
    const sweep = org.duties.find((d) => d.title === '门前三包区域清扫')!;
    const person = { id: staff.id, name: staff.name, role: 'staff' as const, unitId: staff.unitId };
    const result = pushEvents(db, { person, deviceId: 'd1' }, [
      { id: eventIdAt(instantAt('2026-11-27', '08:30')), unitId: staff.unitId!, clientTime: instantAt('2026-11-27', '08:30'), kind: 'duty.checked', payload: { dutyId: sweep.id, periodKey: '2026-11-27' } },
    ], instantAt('2026-11-27', '08:31'));
    expect(result.stored).toHaveLength(1);
  });

  it('an XLSX with sheets 人员 and 责任清单 imports both, reading numbers and Excel times as people typed them', async () => {
    const book = new ExcelJS.Workbook();
    const roster = book.addWorksheet('人员');
    roster.addRow(ROSTER_HEAD.split(','));
    roster.addRow([12, '12号五小厂片区', '县住建局', '是', '建设路东段', '王磊', '王磊', '牵头单位负责人']);
    roster.addRow([12, '', '县第二中学', '否', '育才路北段', '李静', '李静', '责任单位工作人员']);
    roster.addRow([12, '', '', '', '', '', '何春', '片长']);
    const list = book.addWorksheet('责任清单');
    list.addRow(DUTY_HEAD.split(','));
    // A time typed into Excel is stored as a fraction of a day; exceljs hands it back as a 1899 date.
    const nineThirty = new Date(Date.UTC(1899, 11, 30, 9, 30));
    list.addRow(['环境卫生', '门前三包区域清扫', '路面无垃圾', '每天', nineThirty, '', '是', '']);
    list.addRow(['病媒生物防治', '卫生死角清理', '', '每周', '17:00', '周五', '是', '县第二中学']);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());

    const db = openDb(':memory:');
    const counts = expectOk(importRoster(db, await readRosterFile(bytes, '名单.xlsx'), { at: IMPORTED_AT }));
    expect(counts).toMatchObject({ zones: { added: 1 }, units: { added: 2 }, people: { added: 3 }, duties: { added: 2 } });
    const org = loadOrg(db);
    expect(org.zones[0]).toMatchObject({ number: 12, name: '12号五小厂片区' });
    expect(org.duties.find((d) => d.title === '门前三包区域清扫')?.dueTime).toBe('09:30');
    expect(org.duties.find((d) => d.title === '卫生死角清理')?.unitIds.map((id) => org.unitById.get(id)!.name)).toEqual(['县第二中学']);
  });

  it('a CSV without a BOM, with bracketed headers and CRLF line ends, reads the same', () => {
    const withBom = readCsv(fixture('roster.csv'), 'a.csv');
    const plain = fixture('roster.csv').subarray(3).toString('utf8').replace('角色', '角色（见说明）').replace(/\n/g, '\r\n');
    expect(readCsv(plain, 'a.csv').people).toEqual(withBom.people);
  });
});

describe('a file with bad rows', () => {
  it('is refused whole: every bad line is listed with a reason in Chinese and the database is unchanged', () => {
    const db = smallCounty();
    const before = fingerprint(db);
    const result = importCsv(db, 'roster-bad.csv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringMatching(/第3行：角色“队长”无效/),
      expect.stringMatching(/第4行：单位“县卫健委”不存在/),
      expect.stringMatching(/第5行：片区编号“abc”应为1到999的数字/),
      expect.stringMatching(/第6行：网格“文化路西段”缺少网格责任人/),
    ]);
    // Line 2 and 7 were good, and still nothing of them was written.
    expect(fingerprint(db)).toBe(before);
  });

  it('a duty list names each bad line, and a good row in the same file is not written either', () => {
    const db = openDb(':memory:');
    expectOk(importCsv(db, 'roster.csv'));
    const before = fingerprint(db);
    const text = [
      DUTY_HEAD,
      '环境卫生,门前三包区域清扫,,每天,09:00,,是,',
      '卫生,垃圾桶清理,,每天,10:00,,是,',
      '环境卫生,公厕保洁,,每月,10:00,,是,',
      '环境卫生,卫生死角清理,,每周,25:00,周八,也许,县卫健委',
      '环境卫生,门前三包区域清扫,,每天,09:00,,是,',
    ].join('\n');
    const result = importCsv(db, 'duties.csv', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const joined = result.errors.join('\n');
    expect(joined).toMatch(/第3行：类别“卫生”无效/);
    expect(joined).toMatch(/第4行：频次“每月”应为“每天”或“每周”/);
    expect(joined).toMatch(/第5行：截止星期“周八”应为周一到周日/);
    expect(joined).toMatch(/第5行：仅工作日“也许”应填“是”或“否”/);
    expect(joined).toMatch(/第5行：适用单位“县卫健委”不存在/);
    expect(joined).toMatch(/第6行：事项“门前三包区域清扫”与第2行重复/);
    expect(joined).not.toMatch(/第2行：/);
    expect(fingerprint(db)).toBe(before);
  });

  it('refuses rules that need the whole sheet: two lead units or two chiefs for a zone, a department head of a unit that leads nothing', () => {
    const db = openDb(':memory:');
    const text = [
      ROSTER_HEAD,
      '3,3号汽车站片区,县交通运输局,是,,,,',
      '3,,县公交公司,是,,,,',
      '3,,,,,,甲一,片长',
      '3,,,,,,乙二,片长',
      '3,,县汽车站,否,,,丙三,牵头单位负责人',
      '3,3号汽车站,县汽车站,否,,,,',
    ].join('\n');
    const result = importCsv(db, 'r.csv', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const joined = result.errors.join('\n');
    expect(joined).toMatch(/第3行：3号片区在第2行已有牵头单位“县交通运输局”/);
    expect(joined).toMatch(/第5行：3号片区在第4行已有片长/);
    expect(joined).toMatch(/第6行：“县汽车站”不是牵头单位/);
    expect(joined).toMatch(/第7行：片区编号3的名称“3号汽车站”与第2行的“3号汽车站片区”不一致/);
    expect(db.select().from(zones).all()).toEqual([]);
  });

  it('an XLSX error names the sheet, and a file of another kind is refused with a reason', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('人员');
    sheet.addRow(ROSTER_HEAD.split(','));
    sheet.addRow([1, '1号片区', '县教育局', '否', '', '', '张三', '队长']);
    const tables = await readXlsx(Buffer.from(await book.xlsx.writeBuffer()), 'x.xlsx');
    const result = importRoster(openDb(':memory:'), tables, { at: IMPORTED_AT });
    expect(result).toMatchObject({ ok: false, errors: [expect.stringMatching(/^人员表第2行：角色“队长”无效/)] });
    await expect(readRosterFile(Buffer.from('a,b\n1,2'), 'x.csv')).rejects.toThrow(RosterFileError);
    await expect(readRosterFile(Buffer.from('x'), 'x.txt')).rejects.toThrow(/不支持的文件类型/);
    await expect(readRosterFile(Buffer.from('not a zip'), 'x.xlsx')).rejects.toThrow(/无法读取 Excel 文件/);
  });
});

describe('re-importing', () => {
  it('the same files twice changes nothing', () => {
    const db = openDb(':memory:');
    expectOk(importCsv(db, 'roster.csv'));
    expectOk(importCsv(db, 'duties.csv'));
    const before = fingerprint(db);
    const again = expectOk(importCsv(db, 'roster.csv'));
    expect(again.people).toMatchObject({ added: 0, changed: 0, moved: 0, unchanged: 16 });
    expect(expectOk(importCsv(db, 'duties.csv')).duties).toMatchObject({ added: 0, changed: 0, unchanged: 7 });
    expect(fingerprint(db)).toBe(before);
  });

  it('an edited file updates by name: a new grid-cell person, a promotion, a renamed zone, a changed due time; no duplicates', () => {
    const db = openDb(':memory:');
    expectOk(importCsv(db, 'roster.csv'));
    expectOk(importCsv(db, 'duties.csv'));
    const ids = new Map(imported(db).people.map((p) => [p.name, p.id]));
    const edited = fixture('roster.csv')
      .toString('utf8')
      .replace('1,1号人民广场片区,县住建局,是,单位大院,王强', '1,1号人民广场东片区,县住建局,是,单位大院,刘芳')
      .replace('1号人民广场片区,县住建局,是,人民路东段', '1号人民广场东片区,县住建局,是,人民路东段')
      .replace('吴磊,责任单位工作人员', '吴磊,单位负责人');
    expectOk(importCsv(db, 'roster.csv', edited));
    expectOk(importCsv(db, 'duties.csv', fixture('duties.csv').toString('utf8').replace('每天,09:00', '每天,08:30')));
    const after = imported(db);
    expect(after.people).toHaveLength(16);
    expect(after.people.find((p) => p.name === '吴磊')).toMatchObject({ id: ids.get('吴磊'), role: 'unit_head' });
    expect(after.cells.find((c) => c.name === '单位大院')?.personName).toBe('刘芳');
    expect(after.zones.find((z) => z.number === 1)?.name).toBe('1号人民广场东片区');
    expect(after.cells).toHaveLength(7);
    const sweep = db.select().from(duties).all().filter((d) => d.title === '门前三包区域清扫');
    expect(sweep).toHaveLength(1);
    expect(sweep[0].dueTime).toBe('08:30');
  });

  it('refuses to turn a daily item into a weekly one (its ticks were kept per day)', () => {
    const db = openDb(':memory:');
    expectOk(importCsv(db, 'roster.csv'));
    expectOk(importCsv(db, 'duties.csv'));
    const result = importCsv(db, 'duties.csv', `${DUTY_HEAD}\n环境卫生,门前三包区域清扫,,每周,17:00,周五,是,`);
    expect(result).toMatchObject({ ok: false, errors: [expect.stringMatching(/^“duties.csv”第2行：事项“门前三包区域清扫”已是每天的事项，不能改频次/)] });
  });
});
