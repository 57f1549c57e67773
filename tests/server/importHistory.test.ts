/*
 * Re-importing a county's files leaves its past alone. A county imports its roster and duty list (the county
 * layout, tests/fixtures/county/) on Monday 2 November 2026 into a real SQLite file; its staff tick (or miss)
 * for three weeks through the real ledger. On Wednesday 25 November at noon the command center imports again,
 * with (a) a duty added, (b) a due time moved, (c) a unit moved to another zone and (d) a zone's lead unit
 * changed. Every figure of the days before (completion by county, zone and unit; CSV; XLSX cells; 通报; a unit's
 * day) is what it was; today's follow the new files; the import is a ledger event saying who, when and from
 * which day; rebuilding the projections from the ledger still matches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { eventIdAt } from '../../shared/eventId';
import { openDb, type Db } from '../../server/db/open';
import { events, people, units, zones } from '../../server/db/schema';
import { adminCli, importRecorded } from '../../server/domain/adminEvents';
import { pushEvents } from '../../server/domain/ledger';
import { loadOrg } from '../../server/domain/org';
import { readCsv } from '../../server/domain/rosterFile';
import { rebuildAndCompare } from '../../server/cli/projections';
import { mulberry32 } from '../../server/seed/random';
import { MINUTE, PACKAGE_CALENDAR, dateKeyOf, datesBetween, instantAt, weekKeyOfDate } from '../../shared/calendar';
import { dueAt, dutyAppliesTo } from '../../shared/schedule';
import type { Person } from '../../shared/schemas/org';
import { callerFor } from './fixtures/reportCounty';

const FIRST_DAY = '2026-11-02';
const TODAY = '2026-11-25';
const NOW = instantAt(TODAY, '12:00');
const PAST = { from: FIRST_DAY, to: '2026-11-24' };
const fixture = (name: string) => readFileSync(`tests/fixtures/county/${name}`, 'utf8');
const ROSTER = '城关镇网格责任人名单.csv';
const MOVED = '城关镇网格责任人名单-调整后.csv';
const DUTIES = '县责任清单.csv';
const COMMAND: Person = { id: 'p-command', name: '孙丽', role: 'command', unitId: null };

let dir: string;
let db: Db;

function importText(text: string, name: string, at: number) {
  const result = importRecorded(db, readCsv(text, name), name, adminCli, at);
  if (!result.ok) throw new Error(`import refused:\n${result.errors.join('\n')}`);
  return result.preview;
}

/** Each unit's first staff member ticks what is due on each day, on time mostly, late or never now and then. */
function tickThreeWeeks() {
  const rng = mulberry32(20261102);
  const staffOf = new Map<string, Person>();
  for (const p of db.select().from(people).all()) if (p.role === 'staff' && p.unitId && !staffOf.has(p.unitId)) staffOf.set(p.unitId, { ...p, role: 'staff' });
  const org = loadOrg(db);
  for (const date of datesBetween(PAST.from, PAST.to)) {
    const day = org.on(date);
    for (const unit of day.units) {
      const staff = staffOf.get(unit.id);
      if (!staff) continue;
      const batch = day.duties
        .filter((d) => dutyAppliesTo(d, unit.id))
        .flatMap((duty) => {
          const key = duty.cadence === 'daily' ? date : weekKeyOfDate(date);
          const due = dueAt(duty, key, PACKAGE_CALENDAR);
          // A weekly sweep is ticked on its due day only; a fifth of everything is missed, a tenth ticked late.
          if (due === null || (duty.cadence === 'weekly' && instantAt(date, '00:00') > due) || instantAt(date, '23:59') < due) return [];
          const roll = rng.next();
          if (roll < 0.2) return [];
          const at = roll < 0.3 ? due + rng.int(5, 90) * MINUTE : due - rng.int(5, 120) * MINUTE;
          return [{ id: eventIdAt(at), unitId: unit.id, clientTime: at, kind: 'duty.checked' as const, payload: { dutyId: duty.id, periodKey: key } }];
        });
      if (batch.length) pushEvents(db, { person: staff, deviceId: `dev-${staff.id}` }, batch, Math.max(...batch.map((e) => e.clientTime)) + MINUTE);
    }
  }
}

/** Every sheet of an XLSX as cell values, the 汇总's ledger checkpoint left out (it moves with every event, by design). */
async function xlsxCells(base64: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const rows: unknown[] = [];
    sheet.eachRow((row) => rows.push(JSON.stringify(row.values)));
    return { name: sheet.name, rows: rows.filter((r) => !String(r).includes('台账校验')) };
  });
}

/** Everything a person can read about the days before today. */
async function pastFigures() {
  const api = callerFor(db, COMMAND, NOW);
  const org = loadOrg(db);
  const places = ['county' as const, ...org.zones.map((z) => ({ zoneId: z.id })), ...org.units.map((u) => ({ unitId: u.id }))];
  const { checkpoint: _moves, ...bulletin } = await api.export.bulletin({ end: PAST.to });
  return {
    completion: await Promise.all(places.map((scope) => api.report.completion({ scope, ...PAST }))),
    csv: (await api.export.csv({ scope: 'county', ...PAST })).base64,
    zoneCsv: (await api.export.csv({ scope: { zoneId: zoneOf(1) }, ...PAST })).base64,
    xlsx: await xlsxCells((await api.export.xlsx({ scope: 'county', ...PAST })).base64),
    bulletin,
    day: await api.report.unitDay({ unitId: unitOf('县教育局'), date: PAST.to }),
  };
}

const zoneOf = (n: number) => db.select().from(zones).all().find((z) => z.number === n)!.id;
const unitOf = (name: string) => db.select().from(units).all().find((u) => u.name === name)!.id;

let before: Awaited<ReturnType<typeof pastFigures>>;
let zonesBefore: Awaited<ReturnType<ReturnType<typeof callerFor>['report']['completion']>>[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pqt-import-history-'));
  db = openDb(join(dir, 'county.sqlite'));
  const imported = instantAt(FIRST_DAY, '07:00');
  importText(fixture(ROSTER), ROSTER, imported);
  importText(fixture(DUTIES), DUTIES, imported);
  tickThreeWeeks();
  before = await pastFigures();
  const api = callerFor(db, COMMAND, NOW);
  zonesBefore = await Promise.all([1, 2, 3].map((n) => api.report.completion({ scope: { zoneId: zoneOf(n) }, ...PAST })));

  // (a) a duty added, (b) a due time moved; (c) 县教育局 moved from zone 1 to zone 2 (the county's own "moved"
  // file); (d) zone 3's lead unit changed from 县市场监管局 to 中心农贸市场.
  const duties = fixture(DUTIES)
    .replace('每天,8:30,', '每天,7:30,')
    .concat('环境卫生,公厕保洁,公厕内外干净无异味,每天,10:00,,否,,\n');
  const roster = fixture(MOVED).replace('王海,县市场监管局,县市场监管局', '王海,中心农贸市场,县市场监管局');
  importText(roster, MOVED, NOW);
  importText(duties, DUTIES, NOW);
});

afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a re-import leaves the past alone', () => {
  it('the three weeks were really recorded: ticks, misses and late ticks', () => {
    const total = before.completion[0].total;
    expect(total.done).toBeGreaterThan(500);
    expect(total.missed).toBeGreaterThan(50);
  });

  it('every figure before today is exactly what it was: completion by county, zone and unit, CSV, XLSX, 通报, a unit’s day', async () => {
    const after = await pastFigures();
    expect(after.completion).toEqual(before.completion);
    expect(after.csv).toBe(before.csv);
    expect(after.zoneCsv).toBe(before.zoneCsv);
    expect(after.xlsx).toEqual(before.xlsx);
    expect(after.bulletin).toEqual(before.bulletin);
    expect(after.day).toEqual(before.day);
    const api = callerFor(db, COMMAND, NOW);
    const zonesAfter = await Promise.all([1, 2, 3].map((n) => api.report.completion({ scope: { zoneId: zoneOf(n) }, ...PAST })));
    expect(zonesAfter).toEqual(zonesBefore);
  });

  it('from today the new files count: the added duty, the new due time, 县教育局 in zone 2, zone 3 led by 中心农贸市场', async () => {
    const api = callerFor(db, COMMAND, NOW);
    const day = await api.report.unitDay({ unitId: unitOf('县教育局'), date: TODAY });
    const byTitle = new Map(day.items.map((i) => [loadOrg(db).dutyById.get(i.dutyId)!.title, i]));
    expect(byTitle.get('公厕保洁')?.dueAt).toBe(instantAt(TODAY, '10:00'));
    expect(byTitle.get('门前三包区域清扫')?.dueAt).toBe(instantAt(TODAY, '07:30'));
    const yesterday = await api.report.unitDay({ unitId: unitOf('县教育局'), date: PAST.to });
    expect(yesterday.items.map((i) => loadOrg(db).dutyById.get(i.dutyId)!.title)).not.toContain('公厕保洁');

    // Today's daily items count in zone 2; this week's sweeps are judged by Monday's organisation, in zone 1.
    const moved = unitOf('县教育局');
    const dueOf = async (zone: number) => {
      const report = await api.report.completion({ scope: { zoneId: zoneOf(zone) }, from: TODAY, to: TODAY });
      return report.byUnit.find((u) => u.unitId === moved)?.due;
    };
    const today = loadOrg(db).on(TODAY).duties.filter((d) => dutyAppliesTo(d, moved));
    const daily = today.filter((d) => d.cadence === 'daily' && dueAt(d, TODAY, PACKAGE_CALENDAR) !== null);
    expect(daily.map((d) => d.title)).toContain('公厕保洁');
    expect(await dueOf(2)).toBe(daily.length);
    const sweepsDueToday = today.filter((d) => d.cadence === 'weekly' && dateKeyOf(dueAt(d, weekKeyOfDate(TODAY), PACKAGE_CALENDAR) ?? 0) === TODAY);
    expect(sweepsDueToday.length).toBeGreaterThan(0);
    expect(await dueOf(1)).toBe(sweepsDueToday.length);
    expect(loadOrg(db).on(TODAY).zones.find((z) => z.number === 3)!.leadUnitId).toBe(unitOf('中心农贸市场'));
    expect(loadOrg(db).on(PAST.to).zones.find((z) => z.number === 3)!.leadUnitId).toBe(unitOf('县市场监管局'));
  });

  it('each import is a ledger event by whoever ran it, at the time, saying from which day it takes effect', () => {
    const imports = db.select().from(events).all().filter((e) => e.kind === 'org.imported');
    expect(imports.map((e) => [e.actorId, e.effectiveAt, (e.payload as { effectiveFrom?: string }).effectiveFrom])).toEqual([
      [adminCli.actorId, instantAt(FIRST_DAY, '07:00'), FIRST_DAY],
      [adminCli.actorId, instantAt(FIRST_DAY, '07:00'), FIRST_DAY],
      [adminCli.actorId, NOW, TODAY],
      [adminCli.actorId, NOW, TODAY],
    ]);
  });

  it('rebuilding the projections from the ledger still gives exactly what is live', () => {
    const report = rebuildAndCompare(db, false);
    expect(report.equal).toBe(true);
    expect(report.events).toBeGreaterThan(500);
  });
});
