// @vitest-environment node
/*
 * The holiday schedule travels like any other event: the command center's device records a local rest day in
 * its outbox and syncs; a unit's device syncs, keeps it in IndexedDB, and with the server gone its list for that
 * day has nothing due (node environment, as sync.test.ts: a real server on a real port).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarDays } from '../../server/db/schema';
import { localCalendar, PanelDb } from '../../extension/lib/db';
import { record } from '../../extension/lib/ledger';
import { runSync } from '../../extension/lib/sync';
import { checkLookup, todayView } from '../../extension/lib/today';
import { dueNextCount } from '../../extension/lib/reminders';
import { instantAt } from '../../shared/calendar';
import { COUNTY_WIDE } from '../../shared/schemas/events';
import { TEST_NOW, startCountyServer, type CountyServer } from '../support/countyServer';
import { PEOPLE } from '../server/fixtures/smallCounty';
import { freshDb, syncDeps, testClock } from './helpers';

// TEST_NOW is Friday 2026-11-27 10:00: an ordinary working day by the package.
const FRIDAY = '2026-11-27';

let server: CountyServer | null;
let commandDb: PanelDb;
let staffDb: PanelDb;

beforeEach(async () => {
  server = await startCountyServer();
  commandDb = freshDb();
  staffDb = freshDb();
});
afterEach(async () => {
  commandDb.close();
  staffDb.close();
  await server?.close();
});

async function staffView(now: number) {
  const [duties, checks] = await Promise.all([staffDb.duties.toArray(), staffDb.dutyChecks.toArray()]);
  return todayView(duties, checkLookup(checks), now, await localCalendar(staffDb));
}

describe('a local rest day on a device', () => {
  it('entered on the command center’s device, synced to a unit’s device, shows nothing working-day due offline', async () => {
    const srv = server!;
    const clock = testClock(TEST_NOW);
    const staffSync = syncDeps(staffDb, srv.url, srv.tokenFor(PEOPLE.staffA.id), PEOPLE.staffA.id, clock);
    await runSync(staffSync);
    const before = await staffView(instantAt(FRIDAY, '08:00'));
    expect(before.workingDay).toBe(true);
    expect(before.daily.find((i) => i.duty.id === 'd-sweep')!.dueAt).toBe(instantAt(FRIDAY, '09:00'));

    const command = { personId: PEOPLE.command.id, unitId: COUNTY_WIDE };
    await record(commandDb, command, { kind: 'calendar.day_set', payload: { date: FRIDAY, kind: 'local_rest', name: '三月三' } }, clock.now());
    // The command center's own device knows at once, before any sync.
    expect((await localCalendar(commandDb)).isWorkingDay(FRIDAY)).toBe(false);
    expect(await runSync(syncDeps(commandDb, srv.url, srv.tokenFor(PEOPLE.command.id), PEOPLE.command.id, clock))).toMatchObject({ state: 'done', pushed: 1 });
    expect(srv.db.select().from(calendarDays).all()).toMatchObject([{ date: FRIDAY, kind: 'local_rest', setBy: PEOPLE.command.id }]);

    expect(await runSync(staffSync)).toMatchObject({ state: 'done', pulled: 1 });
    await srv.close();
    server = null;
    // Reopened with no server anywhere: the entry was kept in IndexedDB.
    const name = staffDb.name;
    staffDb.close();
    staffDb = new PanelDb(name);
    const after = await staffView(instantAt(FRIDAY, '08:00'));
    expect(after.workingDay).toBe(false);
    expect(after.daily.find((i) => i.duty.id === 'd-sweep')!.status).toBe('not_due');
    // The weekly sweep, due Fridays, moved to Thursday and is already past; only the every-day bins remain today.
    expect(after.weekly.find((i) => i.duty.id === 'd-corner')!.dueAt).toBe(instantAt('2026-11-26', '17:00'));
    expect(after.daily.filter((i) => i.dueAt !== null).map((i) => i.duty.id)).toEqual(['d-bins']);
    // The badge: the Thursday sweep, late and still open, and the bins, due next.
    expect(dueNextCount(after, instantAt(FRIDAY, '08:00'))).toBe(2);
  });
});
