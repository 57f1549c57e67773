/*
 * The county's holiday schedule on the server: entered by the command center as ledger events, delivered to
 * every device whatever its scope, and judged by: a local rest day is not due, a make-up Saturday is, 2027's
 * 元旦 once entered is no miss, and a schedule entered after its days re-judges them (the entry says who and when)
 * while an issued 通报 stays as issued.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventIdAt } from '../../shared/eventId';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../server/db/open';
import { calendarDays, events } from '../../server/db/schema';
import { pullEvents, pushEvents, rebuildProjections } from '../../server/domain/ledger';
import { loadOrg } from '../../server/domain/org';
import { loadCalendar } from '../../server/domain/calendar';
import { completionReport } from '../../server/domain/report/completion';
import { unitDay } from '../../server/domain/report/detail';
import { instantAt } from '../../shared/calendar';
import { missingScheduleYears, yearListing } from '../../shared/holidays';
import { COUNTY_WIDE, type ClientEvent, type PayloadOf } from '../../shared/schemas/events';
import { scopeOf } from '../../shared/scope';
import { PEOPLE, actor, check, smallCounty } from './fixtures/smallCounty';
import { refusedWith } from '../support/refusals';
import { dbFileOf } from '../../server/dataFile';
import { issueBulletin } from '../../server/domain/assessment/bulletins';
import { archivedContent } from '../../server/domain/assessment/archive';
import { assessmentOf } from '../../server/domain/assessment/scores';
import { AFTER_WEEK, WEEK, writeAssessedWeek } from '../support/assessedWeek';

function daySet(payload: PayloadOf<'calendar.day_set'>, clientTime: number, unitId = COUNTY_WIDE): ClientEvent {
  return { id: eventIdAt(clientTime), unitId, clientTime, kind: 'calendar.day_set', payload };
}

function enter(db: Db, entries: PayloadOf<'calendar.day_set'>[], at: number) {
  return pushEvents(db, actor(PEOPLE.command), entries.map((p) => daySet(p, at)), at);
}

/** How the unit u-a's items of one date end up in the dashboard's figures. */
function statusesOn(db: Db, date: string, now: number) {
  const org = loadOrg(db);
  const unit = org.unitById.get('u-a')!;
  const report = completionReport(db, org, [unit], org.zones.filter((z) => z.id === unit.zoneId), date, date, now);
  const day = unitDay(db, org, unit, date, now);
  return { total: report.total, items: Object.fromEntries(day.items.map((i) => [i.dutyId, i.status])) };
}

describe('entering the schedule', () => {
  it('is the command center’s alone, filed under the whole county, and refused with a reason otherwise', () => {
    const db = smallCounty();
    const at = instantAt('2026-11-29', '10:00');
    const rest = { date: '2027-01-01', kind: 'rest', name: '元旦' } as const;
    expect(refusedWith(() => pushEvents(db, actor(PEOPLE.headA), [daySet(rest, at)], at)).message).toMatch('只有指挥部可以录入节假日安排');
    expect(refusedWith(() => pushEvents(db, actor(PEOPLE.command), [daySet(rest, at, 'u-a')], at)).message).toMatch('节假日安排应记在全县名下');
    expect(refusedWith(() => pushEvents(db, actor(PEOPLE.command), [check(COUNTY_WIDE, 'd-sweep', '2026-11-27', at)], at)).code).toBe('NOT_FOUND');
    expect(db.select({ n: count() }).from(events).get()!.n).toBe(0);

    enter(db, [rest], at);
    const [row] = db.select().from(calendarDays).all();
    expect(row).toMatchObject({ date: '2027-01-01', kind: 'rest', name: '元旦', setBy: PEOPLE.command.id, setAt: at });
  });

  it('reaches every device: a unit’s staff pulls it though it names no unit of theirs', () => {
    const db = smallCounty();
    const at = instantAt('2026-11-29', '10:00');
    enter(db, [{ date: '2027-01-01', kind: 'rest', name: '元旦' }], at);
    pushEvents(db, actor(PEOPLE.staffA), [check('u-a', 'd-bins', '2026-11-29', at)], at);
    const org = loadOrg(db);
    const pulledByB = pullEvents(db, scopeOf(PEOPLE.staffB, org.zones, org.units), 0, 100).events.map((e) => e.kind);
    expect(pulledByB).toEqual(['calendar.day_set']);
  });

  it('a rebuild from the ledger gives the same schedule, the latest entry for a date standing', () => {
    const db = smallCounty();
    enter(db, [{ date: '2026-11-27', kind: 'local_rest', name: '三月三' }], instantAt('2026-11-20', '10:00'));
    enter(db, [{ date: '2026-11-27', kind: 'cleared', name: '' }], instantAt('2026-11-21', '10:00'));
    enter(db, [{ date: '2026-11-26', kind: 'local_rest', name: '三月三' }], instantAt('2026-11-21', '10:01'));
    const before = db.select().from(calendarDays).all();
    rebuildProjections(db);
    expect(db.select().from(calendarDays).all()).toEqual(before);
    const calendar = loadCalendar(db);
    expect(calendar.isWorkingDay('2026-11-27')).toBe(true);
    expect(calendar.isWorkingDay('2026-11-26')).toBe(false);
  });
});

describe('days judged by the county calendar', () => {
  it('2027 元旦 entered: not a miss, and the year no longer shows as missing', () => {
    const db = smallCounty();
    const now = instantAt('2027-01-02', '10:00');
    expect(missingScheduleYears(loadCalendar(db), instantAt('2026-11-29', '10:00'))).toEqual([2027]);
    expect(yearListing(loadCalendar(db), 2027).basis).toMatch('尚未录入');

    enter(db, [{ date: '2027-01-01', kind: 'rest', name: '元旦' }, { date: '2027-01-02', kind: 'rest', name: '元旦' }, { date: '2027-01-03', kind: 'rest', name: '元旦' }], instantAt('2026-11-29', '10:00'));
    const { total, items } = statusesOn(db, '2027-01-01', now);
    expect(items['d-sweep']).toBe('not_due');
    expect(total.missed).toBe(1); // the bins, due every day, holidays too, and not done
    expect(missingScheduleYears(loadCalendar(db), instantAt('2026-11-29', '10:00'))).toEqual([]);
    const listing = yearListing(loadCalendar(db), 2027);
    expect(listing.basis).toBe('已由指挥部录入');
    expect(listing.days[0]).toEqual({ date: '2027-01-01', working: false, source: 'county', kind: 'rest', name: '元旦' });
  });

  it('a local rest day: nothing working-day is due, a tick for it is refused, the weekly sweep moves to Thursday', () => {
    const db = smallCounty();
    const friday = '2026-11-27';
    enter(db, [{ date: friday, kind: 'local_rest', name: '三月三' }], instantAt('2026-11-20', '10:00'));
    const { items } = statusesOn(db, friday, instantAt('2026-11-29', '10:00'));
    expect(items['d-sweep']).toBe('not_due');
    expect(unitDay(db, loadOrg(db), loadOrg(db).unitById.get('u-a')!, friday, instantAt('2026-11-29', '10:00')).items.find((i) => i.dutyId === 'd-corner')!.dueDate).toBe('2026-11-26');
    const tick = () => pushEvents(db, actor(PEOPLE.staffA), [check('u-a', 'd-sweep', friday, instantAt(friday, '08:30'))], instantAt(friday, '08:31'));
    expect(refusedWith(tick).message).toMatch('非工作日');
  });

  it('a make-up Saturday: the working-day duty is due, and a tick for it is taken', () => {
    const db = smallCounty();
    const saturday = '2027-02-20';
    expect(statusesOn(db, saturday, instantAt('2027-02-21', '10:00')).items['d-sweep']).toBe('not_due');
    enter(db, [{ date: saturday, kind: 'work', name: '春节调休' }], instantAt('2026-12-01', '10:00'));
    expect(statusesOn(db, saturday, instantAt('2027-02-21', '10:00')).items['d-sweep']).toBe('missed');
    const at = instantAt(saturday, '08:30');
    expect(pushEvents(db, actor(PEOPLE.staffA), [check('u-a', 'd-sweep', saturday, at)], at).stored).toHaveLength(1);
    expect(statusesOn(db, saturday, instantAt('2027-02-21', '10:00')).items['d-sweep']).toBe('on_time');
  });

  it('a schedule entered after its day passed re-judges that day, and the entry records who and when', () => {
    const db = smallCounty();
    const friday = '2026-11-27';
    const later = instantAt('2026-11-30', '09:00');
    expect(statusesOn(db, friday, later).items['d-sweep']).toBe('missed');
    enter(db, [{ date: friday, kind: 'local_rest', name: '三月三' }], later);
    expect(statusesOn(db, friday, later).items['d-sweep']).toBe('not_due');
    const stored = db.select().from(events).where(eq(events.kind, 'calendar.day_set')).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ actorId: PEOPLE.command.id, effectiveAt: later, unitId: COUNTY_WIDE });
  });
});

describe('npm run admin -- calendar <year>', { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pqt-calendar-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const admin = (...args: string[]) =>
    spawnSync(join('node_modules', '.bin', 'tsx'), ['server/cli/admin.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 });

  it('shows the gap for a year with no schedule, then what the command center entered, by whom and when', () => {
    const db = smallCounty(dbFileOf(dataDir));
    const before = admin('calendar', '2027');
    expect(before.status).toBe(0);
    expect(before.stdout).toContain('2027年：尚未录入');
    expect(before.stdout).toContain('2027年节假日安排尚未录入');
    expect(before.stdout).toMatch(/2027年1月1日 周五 {2}休息 {2}法定节日（估算） {2}——估算/);

    enter(db, [{ date: '2027-01-01', kind: 'rest', name: '元旦' }, { date: '2027-02-20', kind: 'work', name: '春节调休' }], instantAt('2026-11-29', '10:00'));
    enter(db, [{ date: '2026-11-27', kind: 'local_rest', name: '三月三' }], instantAt('2026-11-29', '10:05'));
    db.$client.close();
    const after = admin('calendar', '2027');
    expect(after.stdout).toContain('2027年：已由指挥部录入');
    expect(after.stdout).not.toContain('尚未录入');
    expect(after.stdout).toMatch(/2027年2月20日 周六 {2}上班 {2}春节调休 {2}——县里录入/);
    expect(after.stdout).toContain('2027-01-01 休 元旦  孙丽 录入于 2026-11-29 10:00');
    const local = admin('calendar', '2026');
    expect(local.stdout).toMatch(/2026-11-27 地方休 三月三 {2}孙丽 录入于 2026-11-29 10:05 {2}（补录：该日已按此重新评定）/);
    const bad = admin('calendar', '明年');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('年份应为');
  });
});

describe('a schedule entered after a 通报 was issued', () => {
  it('re-judges the live 考核 for that day; the issued 通报 stays exactly as issued', () => {
    const db = smallCounty();
    writeAssessedWeek(db); // 县教育局 left the working-day sweep undone on Wednesday 11-18
    const command = actor(PEOPLE.command);
    const issued = issueBulletin(db, loadOrg(db), command, AFTER_WEEK, WEEK.to, 7);
    const archived = archivedContent(db, issued.number);
    const missKey = 'duty:u-a:d-sweep:2026-11-18';
    const later = AFTER_WEEK + 3_600_000;
    const liveKeys = () => assessmentOf(db, loadOrg(db), { kind: 'week', from: WEEK.from, to: WEEK.to }, later).deductions.map((d) => d.key);
    expect(liveKeys()).toContain(missKey);

    enter(db, [{ date: '2026-11-18', kind: 'local_rest', name: '三月三' }], later);
    expect(liveKeys()).not.toContain(missKey);
    expect(archivedContent(db, issued.number)).toBe(archived);
  });
});
