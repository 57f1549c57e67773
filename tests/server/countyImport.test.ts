/*
 * A county goes live with the files it already has (tests/fixtures/county/): one row per grid cell with 片长 and
 * 牵头单位 columns, a 序号 and a 备注 column, blank rows, zone cells left blank under the first row (as merged
 * cells read), a lead unit without cells in the zone it leads, a unit with cells in two zones, one chief of two
 * zones, the same name in several units and twice in one unit (told apart by phone); the same county saved as
 * GBK by older Excel and as XLSX with a merged title row; a month later, with units moved.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { openDb, type Db } from '../../server/db/open';
import { dutyChecks, gridCells, people, units, zones } from '../../server/db/schema';
import { importRoster, type ImportOptions, type ImportResult } from '../../server/domain/roster';
import { readCsv, readRosterFile, readXlsx, RosterFileError } from '../../server/domain/rosterFile';
import { loadOrg, orgSeenBy, orgToday } from '../../server/domain/org';
import { reportUnits } from '../../server/domain/report/place';
import { CATEGORIES } from '../../shared/categories';
import { PACKAGE_CALENDAR, instantAt } from '../../shared/calendar';
import { dueAt, dutyAppliesTo } from '../../shared/schedule';
import { fingerprint } from '../support/dbFingerprint';
import { WHOLE_COUNTY } from '../../shared/scope';

const COUNTY = '城关镇网格责任人名单.csv';
const MOVED = '城关镇网格责任人名单-调整后.csv';
const GBK = '南关北门补充名单-GBK.csv';
const DUTIES = '县责任清单.csv';
/** When the imports happen: what they change is in effect from that day. */
const IMPORTED_AT = instantAt('2026-11-27', '07:00');
const bytesOf = (name: string) => readFileSync(`tests/fixtures/county/${name}`);
const importFile = async (db: Db, name: string, options: ImportOptions = { at: IMPORTED_AT }) => importRoster(db, await readRosterFile(bytesOf(name), name), options);

function expectOk(result: ImportResult) {
  if (!result.ok) throw new Error(`import refused:\n${result.errors.join('\n')}`);
  return result.preview;
}

function county(db: Db) {
  const unitName = new Map(db.select().from(units).all().map((u) => [u.id, u.name]));
  const zoneNumber = new Map(db.select().from(zones).all().map((z) => [z.id, z.number]));
  return {
    zones: db.select().from(zones).all(),
    unitZone: (name: string) => zoneNumber.get(db.select().from(units).all().find((u) => u.name === name)!.zoneId),
    cellZones: (unit: string) => [...new Set(db.select().from(gridCells).all().filter((c) => unitName.get(c.unitId) === unit).map((c) => zoneNumber.get(c.zoneId)))].sort(),
    people: db.select().from(people).all().map((p) => ({ ...p, unitName: p.unitId ? unitName.get(p.unitId) : null })),
    zone: (n: number) => db.select().from(zones).all().find((z) => z.number === n)!,
    unitId: (name: string) => db.select().from(units).all().find((u) => u.name === name)!.id,
  };
}

/** The county CSV as its office keeps it in Excel: a merged title row, a blank row, zone cells merged down. */
async function countyXlsx(): Promise<Buffer> {
  const rows = parse(bytesOf(COUNTY), { bom: true, relax_column_count: true }) as string[][];
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('城关镇');
  sheet.addRow(['城关镇创卫片区网格责任人名单（2026年11月）']);
  sheet.mergeCells(1, 1, 1, rows[0].length);
  sheet.addRow([]);
  for (const row of rows) sheet.addRow(row.map((v, i) => (i === 1 && /^\d+$/.test(v) ? Number(v) : v)));
  // Zone 1's number and name cells merged over its four rows (lines 4–7), as offices lay the table out.
  sheet.mergeCells('B4:B7');
  sheet.mergeCells('C4:C7');
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('the county layout', () => {
  it('imports a county roster as kept: lead units, units in two zones, chiefs of two zones, namesakes', async () => {
    const db = openDb(':memory:');
    const preview = expectOk(await importFile(db, COUNTY));
    expect(preview.layout).toBe('county');
    expect(preview.counts).toMatchObject({ zones: { added: 10 }, units: { added: 18 }, gridCells: { added: 28 }, people: { added: 39 } });
    expect(preview.leftOutColumns).toEqual(['“城关镇网格责任人名单.csv”的列“序号”未导入', '“城关镇网格责任人名单.csv”的列“备注”未导入']);
    const c = county(db);
    const byName = (name: string) => c.people.filter((p) => p.name === name);

    // 县住建局 leads 12号 but has its cells in 1号 only.
    expect(c.zone(12).leadUnitId).toBe(c.unitId('县住建局'));
    expect(c.cellZones('县住建局')).toEqual([1]);
    // 县教育局 has cells in 1号 and 5号; its home zone is the first.
    expect(c.cellZones('县教育局')).toEqual([1, 5]);
    expect(c.unitZone('县教育局')).toBe(1);
    // 李建国 chiefs 1号 and 2号: one person. 王海 chiefs 3号 and 18号.
    expect(byName('李建国')).toHaveLength(1);
    expect(c.zone(1).chiefPersonId).toBe(byName('李建国')[0].id);
    expect(c.zone(2).chiefPersonId).toBe(byName('李建国')[0].id);
    expect(c.zone(18).chiefPersonId).toBe(c.zone(3).chiefPersonId);
    // 张伟: chief of 5号, and staff of three units — four people, told apart by unit.
    expect(byName('张伟').map((p) => `${p.role}|${p.unitName ?? ''}`).sort()).toEqual(['staff|县人社局', 'staff|县卫健局', 'staff|县教育局', 'zone_chief|']);
    // 王芳 twice in 县市场监管局 with different phones: two people; 朱琳 named for two cells with one phone: one.
    expect(byName('王芳').filter((p) => p.unitName === '县市场监管局').map((p) => p.phone).sort()).toEqual(['13508716001', '13508716002']);
    expect(byName('朱琳')).toHaveLength(1);
    // Phones are kept as digits, however they were typed; unit heads come from their own column.
    expect(byName('刘洋')[0].phone).toBe('13808712001');
    expect(byName('赵敏')[0]).toMatchObject({ role: 'unit_head', unitName: '县教育局', phone: null });
  });

  it('a zone chief sees every unit with cells in the zone, including one whose home zone is elsewhere', async () => {
    const db = openDb(':memory:');
    expectOk(await importFile(db, COUNTY));
    const c = county(db);
    const chief = c.people.find((p) => p.id === c.zone(5).chiefPersonId)!;
    const { org, scope } = orgSeenBy(db, { id: chief.id, name: chief.name, role: 'zone_chief', unitId: null }, IMPORTED_AT);
    const seen = org.units.filter((u) => !scope.all && scope.unitIds.has(u.id)).map((u) => u.name).sort();
    expect(seen).toEqual(['县交通运输局', '县教育局'].sort());
  });

  it('a unit with cells in two zones is reported once, under its home zone (its duties are the unit’s, not a cell’s)', async () => {
    const db = openDb(':memory:');
    expectOk(await importFile(db, COUNTY));
    const c = county(db);
    const org = orgToday(db, IMPORTED_AT);
    const day = { from: '2026-11-27', to: '2026-11-27' };
    const reported = (zone: number) => reportUnits(WHOLE_COUNTY, org, { zoneId: c.zone(zone).id }, day).units.map((u) => u.name).sort();
    expect(c.cellZones('县教育局')).toEqual([1, 5]);
    expect(reported(1)).toContain('县教育局');
    expect(reported(5)).toEqual(['县交通运输局']);
  });

  it('the GBK file older Excel saves reads the same as its UTF-8 text; zone numbers come from the names', async () => {
    const bytes = bytesOf(GBK);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const tables = readCsv(bytes, GBK);
    expect(tables.encoding).toBe('GB18030');
    expect(tables.people).toEqual(readCsv(new TextDecoder('gbk').decode(bytes), GBK).people);
    const db = openDb(':memory:');
    expectOk(importRoster(db, tables, { at: IMPORTED_AT }));
    const c = county(db);
    expect(c.zones.map((z) => `${z.number}|${z.name}`)).toEqual(['20|20号南关片区', '21|21号北门片区']);
    expect(c.people.find((p) => p.name === '张伟')).toMatchObject({ unitName: '县邮政公司', phone: '15908714004' });
  });

  it('the same county as XLSX with a merged title row, a blank row and merged zone cells imports exactly as the CSV', async () => {
    const fromCsv = openDb(':memory:');
    expectOk(await importFile(fromCsv, COUNTY));
    const fromXlsx = openDb(':memory:');
    const tables = await readXlsx(await countyXlsx(), '名单.xlsx');
    // Line numbers are Excel's: the header is on line 3 under the title and the blank row.
    expect(tables.people![0].line).toBe(4);
    expectOk(importRoster(fromXlsx, tables, { at: IMPORTED_AT }));
    expect(fingerprint(fromXlsx)).toBe(fingerprint(fromCsv));
  });

  it('an unknown column stops the import until it is mapped to a field or to 忽略', async () => {
    const text = bytesOf(COUNTY).toString('utf8').replace('联系电话', '手机（办公）').replace('单位负责人', '分管领导');
    const db = openDb(':memory:');
    const refused = importRoster(db, readCsv(text, 'a.csv'), { at: IMPORTED_AT });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors).toEqual([expect.stringMatching(/^“a.csv”的列“分管领导”无法识别：请指定它对应的字段，或选择“忽略”/)]);
    expect(db.select().from(zones).all()).toEqual([]);
    const mapped = expectOk(importRoster(db, readCsv(text, 'a.csv', { 分管领导: '单位负责人' }), { at: IMPORTED_AT }));
    expect(mapped.counts.people.added).toBe(39);
    const ignored = expectOk(importRoster(openDb(':memory:'), readCsv(text, 'a.csv', { 分管领导: '忽略' }), { at: IMPORTED_AT }));
    expect(ignored.leftOutColumns).toContain('“a.csv”的列“分管领导”未导入（已选择忽略）');
    await expect(readRosterFile(Buffer.from(text), 'a.csv', { 分管领导: '局长' })).rejects.toThrow(RosterFileError);
  });

  it('problem rows of the county layout are named by line, and nothing is written', () => {
    const db = openDb(':memory:');
    const text = [
      '片区编号,片区名称,片长,牵头单位,责任单位,网格,网格责任人,联系电话',
      '1,1号城关广场片区,李建国,县住建局,县住建局,城关广场东侧,刘洋,待补',
      '1,,王五,,县住建局,城关广场东侧,陈静,13808712002',
      ',,,县财政局,,人民路东段,,',
      'x号,,,,县教育局,,张三,',
    ].join('\n');
    const result = importRoster(db, readCsv(text, '名单.csv'), { at: IMPORTED_AT });
    expect(result.ok).toBe(false);
    const errors = !result.ok ? result.errors.join('\n') : '';
    expect(errors).toMatch(/第2行：联系电话“待补”不是有效的电话号码/);
    expect(errors).toMatch(/第3行：1号片区在第2行已有片长“李建国”/);
    expect(errors).toMatch(/第3行：网格“城关广场东侧”在第2行的责任人是“刘洋”，这里却是“陈静”/);
    expect(errors).toMatch(/第4行：1号片区在第2行已有牵头单位“县住建局”/);
    expect(errors).toMatch(/第4行：网格“人民路东段”缺少网格责任人/);
    expect(errors).toMatch(/第5行：片区编号“x号”应为1到999的数字/);
    expect(db.select().from(zones).all()).toEqual([]);
  });
});

describe('preview, re-import and moves', () => {
  it('a dry run writes nothing and says what would be added', async () => {
    const db = openDb(':memory:');
    const before = fingerprint(db);
    const result = await importFile(db, COUNTY, { dryRun: true });
    expect(result).toMatchObject({ ok: true, written: false });
    const preview = expectOk(result);
    expect(fingerprint(db)).toBe(before);
    const texts = preview.changes.map((c) => c.text);
    expect(texts).toContain('12号五小厂片区（片长高峰，牵头单位县住建局）');
    expect(texts).toContain('县教育局·县二中门前（5号片区，责任人吴磊）');
    expect(texts).toContain('王芳（县市场监管局），责任单位工作人员，电话13508716002');
    expect(preview.standardDuties).toBe(15);
  });

  it('importing the same file again changes nothing at all', async () => {
    const db = openDb(':memory:');
    expectOk(await importFile(db, COUNTY));
    const before = fingerprint(db);
    const again = expectOk(await importFile(db, COUNTY));
    expect(fingerprint(db)).toBe(before);
    expect(again.changes).toEqual([]);
    expect(again.counts.people).toMatchObject({ added: 0, changed: 0, moved: 0, unchanged: 39 });
  });

  it('a month later: a unit moves zone with its cells, a person changes unit and keeps their record', async () => {
    const db = openDb(':memory:');
    expectOk(await importFile(db, COUNTY));
    const zhouQiang = county(db).people.find((p) => p.name === '周强')!;
    const preview = expectOk(await importFile(db, MOVED, { dryRun: true }));
    expect(preview.changes.filter((c) => c.action !== 'leftOut').map((c) => c.text)).toEqual([
      '县教育局：从1号片区调到2号片区',
      '县教育局·文化路西段：从1号片区调到2号片区',
      '县教育局·城关一小门前：从1号片区调到2号片区',
      '周强：从县人社局调到县财政局',
    ]);
    expectOk(await importFile(db, MOVED));
    const c = county(db);
    expect(c.unitZone('县教育局')).toBe(2);
    expect(c.cellZones('县教育局')).toEqual([2, 5]);
    expect(c.people.find((p) => p.name === '周强')).toMatchObject({ id: zhouQiang.id, unitName: '县财政局' });
    // And the moved county re-imports as it now is, unchanged.
    const before = fingerprint(db);
    expect(expectOk(await importFile(db, MOVED)).changes).toEqual([]);
    expect(fingerprint(db)).toBe(before);
  });
});

describe('the default duty list', () => {
  it('a freshly imported county has the standard list: seven categories, daily and weekly, due on its first working day', async () => {
    const db = openDb(':memory:');
    expectOk(await importFile(db, COUNTY));
    const org = loadOrg(db);
    expect(org.duties).toHaveLength(15);
    expect(new Set(org.duties.map((d) => d.category))).toEqual(new Set(CATEGORIES));
    expect(new Set(org.duties.map((d) => d.cadence))).toEqual(new Set(['daily', 'weekly']));
    // Monday 2026-11-30 is a working day: every unit has daily items due that day and weekly items that week.
    for (const unit of org.units) {
      const mine = org.duties.filter((d) => dutyAppliesTo(d, unit.id));
      expect(mine.filter((d) => d.cadence === 'daily' && dueAt(d, '2026-11-30', PACKAGE_CALENDAR) !== null).length).toBeGreaterThanOrEqual(8);
      expect(mine.filter((d) => d.cadence === 'weekly' && dueAt(d, '2026-W49', PACKAGE_CALENDAR) !== null).length).toBeGreaterThanOrEqual(7);
    }
  });

  it("the county's own list replaces the untouched default; 适用单位 adds and 不适用单位 removes per unit", async () => {
    const db = openDb(':memory:');
    expectOk(await importFile(db, COUNTY));
    const preview = expectOk(await importFile(db, DUTIES));
    expect(preview.counts.duties).toMatchObject({ added: 3, changed: 3, replaced: 12 });
    const org = loadOrg(db);
    expect(org.duties.map((d) => d.title)).toEqual(['门前三包区域清扫', '网格巡查保洁', '乱贴乱画清理', '农贸市场地面冲洗', '卫生死角清理', '健康教育宣传栏更新']);
    const duty = (title: string) => org.duties.find((d) => d.title === title)!;
    const unitId = (name: string) => org.units.find((u) => u.name === name)!.id;
    expect(dutyAppliesTo(duty('网格巡查保洁'), unitId('县供电公司'))).toBe(false);
    expect(dutyAppliesTo(duty('网格巡查保洁'), unitId('县住建局'))).toBe(true);
    expect(duty('农贸市场地面冲洗').unitIds).toEqual([unitId('中心农贸市场')]);
    expect(duty('门前三包区域清扫').dueTime).toBe('08:30');
  });

  it('a default item someone already ticked is kept (left out, not deleted) when the county list arrives', async () => {
    const db = openDb(':memory:');
    expectOk(await importFile(db, COUNTY));
    const ticked = loadOrg(db).duties.find((d) => d.title === '垃圾桶清理')!;
    db.insert(dutyChecks).values({ unitId: county(db).unitId('县住建局'), dutyId: ticked.id, periodKey: '2026-11-30', checked: true, checkedAt: 1, checkedBy: 'p0001', lastAt: 1, lastEventId: 'e1' }).run();
    const preview = expectOk(await importFile(db, DUTIES));
    expect(preview.changes).toContainEqual({ kind: 'duties', action: 'leftOut', text: '垃圾桶清理' });
    expect(loadOrg(db).duties.map((d) => d.title)).toContain('垃圾桶清理');
  });
});
