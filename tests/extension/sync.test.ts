// @vitest-environment node
/*
 * The sync engine against a real server (createApp over the small county in SQLite, on a real port), with the
 * extension's Dexie database on fake-indexeddb. Node's environment rather than happy-dom: happy-dom's fetch
 * applies a page origin and CORS, which the extension itself (host permissions) does not meet.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { dutyChecks, events, issues, photos } from '../../server/db/schema';
import { PanelDb, readSyncMeta } from '../../extension/lib/db';
import { record, setDutyChecked, storePhoto } from '../../extension/lib/ledger';
import { backoffDelay, runSync } from '../../extension/lib/sync';
import { pushEvents } from '../../server/domain/ledger';
import { freePort } from '../support/childServer';
import { TEST_NOW, startCountyServer, type CountyServer } from '../support/countyServer';
import { PEOPLE } from '../server/fixtures/smallCounty';
import { freshDb, syncDeps, testClock } from './helpers';
import { eventIdAt } from '../../shared/eventId';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupAll } from '../../server/domain/backup';
import { restoreBackup } from '../../server/domain/restore';
import { openDb } from '../../server/db/open';
import { createApp } from '../../server/app';
import { createHttpServer, TIMEOUTS } from '../../server/httpServer';
import { fixedClock } from '../../server/clock';
import { silentLog } from '../../server/log';
import { listen } from '../support/countyServer';

const staff = { personId: PEOPLE.staffA.id, unitId: 'u-a' };
const TODAY = '2026-11-27';

let server: CountyServer;
let db: PanelDb;
let token: string;

beforeEach(async () => {
  server = await startCountyServer();
  token = server.tokenFor(staff.personId);
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await server.close();
});

const storedIds = () => server.db.select({ id: events.id }).from(events).all().map((e) => e.id);

describe('the outbox', () => {
  it('survives closing and reopening the database (a browser restart)', async () => {
    const name = db.name;
    await setDutyChecked(db, staff, { dutyId: 'd-sweep', periodKey: TODAY }, true, TEST_NOW);
    await setDutyChecked(db, staff, { dutyId: 'd-bins', periodKey: TODAY }, true, TEST_NOW + 1000);
    db.close();

    db = new PanelDb(name);
    const kept = await db.outbox.orderBy('n').toArray();
    expect(kept.map((o) => o.event.payload)).toEqual([
      { dutyId: 'd-sweep', periodKey: TODAY },
      { dutyId: 'd-bins', periodKey: TODAY },
    ]);
    expect(kept.every((o) => o.state === 'pending')).toBe(true);
    // The local projection was written in the same transaction: the ticks show without any sync.
    expect((await db.dutyChecks.get(['d-sweep', TODAY]))?.checked).toBe(true);
  });
});

describe('syncing with the server', () => {
  it('pushes ticks, empties the outbox, and fetches the duty list and grid cells', async () => {
    const clock = testClock(TEST_NOW);
    await setDutyChecked(db, staff, { dutyId: 'd-sweep', periodKey: TODAY }, true, clock.now());
    const outcome = await runSync(syncDeps(db, server.url, token, staff.personId, clock));
    expect(outcome).toMatchObject({ state: 'done', pushed: 1, rejected: 0 });
    expect(await db.outbox.count()).toBe(0);
    expect((await db.duties.orderBy('position').toArray()).map((d) => d.id)).toEqual(['d-sweep', 'd-bins', 'd-corner']);
    expect((await db.gridCells.toArray()).map((c) => c.id)).toEqual(['g-a1']);
    expect((await db.members.toArray()).map((m) => m.name).sort()).toEqual(['张伟', '王强'].sort());
    expect(server.db.select().from(dutyChecks).where(eq(dutyChecks.dutyId, 'd-sweep')).get()).toMatchObject({ checked: true, checkedBy: staff.personId });
  });

  it('a failed push backs off, is not retried before its time, then lands once', async () => {
    const clock = testClock(TEST_NOW);
    await setDutyChecked(db, staff, { dutyId: 'd-sweep', periodKey: TODAY }, true, clock.now());
    const down = `http://127.0.0.1:${await freePort()}`; // nothing listens there

    const failed = await runSync(syncDeps(db, down, token, staff.personId, clock));
    expect(failed).toMatchObject({ state: 'failed', message: '无法连接服务器，请检查网络或服务器地址' });
    const meta = await readSyncMeta(db);
    expect(meta).toMatchObject({ failures: 1, lastErrorKind: 'offline', nextRetryAt: TEST_NOW + backoffDelay(1, 0.5) });
    expect((await db.outbox.toArray())[0]).toMatchObject({ attempts: 1, state: 'pending' });

    // A second failure doubles the wait.
    clock.set(meta.nextRetryAt!);
    await runSync(syncDeps(db, down, token, staff.personId, clock));
    expect((await readSyncMeta(db)).nextRetryAt).toBe(clock.now() + backoffDelay(2, 0.5));
    expect(backoffDelay(2, 0.5)).toBe(2 * backoffDelay(1, 0.5));

    // The server is back, but the retry time has not come: the alarm tick leaves it alone.
    expect(await runSync(syncDeps(db, server.url, token, staff.personId, clock))).toEqual({ state: 'skipped', reason: 'backing_off' });
    expect(storedIds()).toEqual([]);

    clock.set((await readSyncMeta(db)).nextRetryAt!);
    expect(await runSync(syncDeps(db, server.url, token, staff.personId, clock))).toMatchObject({ state: 'done', pushed: 1 });
    expect(storedIds()).toHaveLength(1);
    expect(await readSyncMeta(db)).toMatchObject({ failures: 0, nextRetryAt: null, lastError: null });
    expect(await db.outbox.count()).toBe(0);
  });

  it('an unreachable server is probed at least every 8 s however long it stays down; one that answers with errors is given up to 2 minutes', () => {
    const waits = (unreachable: boolean) => Array.from({ length: 30 }, (_, i) => backoffDelay(i + 1, 1, unreachable));
    expect(waits(true).slice(0, 4)).toEqual([2_000, 4_000, 8_000, 8_000]);
    expect(Math.max(...waits(true))).toBe(8_000);
    expect(Math.max(...waits(false))).toBe(120_000);
    // The jitter only ever shortens a wait, to half at least.
    expect(backoffDelay(30, 0, true)).toBe(4_000);
  });

  it('the unit’s duty list is downloaded once and not rewritten while it is unchanged; own ticks coming back are not applied again', async () => {
    const clock = testClock(TEST_NOW);
    await setDutyChecked(db, staff, { dutyId: 'd-sweep', periodKey: TODAY }, true, clock.now());
    await runSync(syncDeps(db, server.url, token, staff.personId, clock));
    const ownDevice = server.db.select({ deviceId: events.deviceId }).from(events).get()!.deviceId;
    const version = (await readSyncMeta(db)).unitVersion;
    expect(version).toMatch(/^[\w-]{22}$/);

    // Pulled back from the start, the device's own tick leaves its projection be, and the unchanged unit is not rewritten.
    const writes: string[] = [];
    db.dutyChecks.hook('creating', () => void writes.push('dutyChecks'));
    db.dutyChecks.hook('updating', () => void writes.push('dutyChecks'));
    db.duties.hook('creating', () => void writes.push('duties'));
    await db.meta.put({ key: 'sync', value: { ...(await readSyncMeta(db)), cursor: 0 } });
    const again = await runSync({ ...syncDeps(db, server.url, token, staff.personId, clock), deviceId: ownDevice });
    expect(again).toMatchObject({ state: 'done', pulled: 1 });
    expect(writes).toEqual([]);
    expect((await readSyncMeta(db)).unitVersion).toBe(version);
    expect((await db.dutyChecks.get(['d-sweep', TODAY]))?.checked).toBe(true);
  });

  it('after the server is restored from an older backup (a new ledger epoch), the device sends again what the backup lacks and pulls from the start', async () => {
    const clock = testClock(TEST_NOW);
    await setDutyChecked(db, staff, { dutyId: 'd-sweep', periodKey: TODAY }, true, clock.now());
    expect(await runSync(syncDeps(db, server.url, token, staff.personId, clock))).toMatchObject({ state: 'done', pushed: 1 });
    const kept = mkdtempSync(join(tmpdir(), 'pqt-restore-'));
    await backupAll(server.db, server.dir, join(kept, 'backup'), clock.now());

    // After the backup: two more ticks, acknowledged by the server that is then lost.
    clock.advance(60_000);
    await setDutyChecked(db, staff, { dutyId: 'd-bins', periodKey: TODAY }, true, clock.now());
    await setDutyChecked(db, staff, { dutyId: 'd-sweep', periodKey: TODAY }, false, clock.now() + 1000);
    expect(await runSync(syncDeps(db, server.url, token, staff.personId, clock))).toMatchObject({ state: 'done', pushed: 2 });
    expect(await db.outbox.count()).toBe(0);
    const made = storedIds().sort();
    expect(made).toHaveLength(3);

    restoreBackup(join(kept, 'backup'), join(kept, 'data'), clock.now());
    const restoredDb = openDb(join(kept, 'data', 'county.sqlite'));
    const restored = createHttpServer(createApp({ db: restoredDb, clock: fixedClock(TEST_NOW), log: silentLog, dataDir: join(kept, 'data') }), TIMEOUTS).listen(0, '127.0.0.1');
    try {
      const url = await listen(restored);
      const restoredIds = () => restoredDb.select({ id: events.id }).from(events).all().map((e) => e.id).sort();
      expect(restoredIds()).toHaveLength(1);
      // One run: the new epoch is seen, all three are sent again (one a duplicate), and the projection is the server's.
      expect(await runSync(syncDeps(db, url, token, staff.personId, clock))).toMatchObject({ state: 'done', pushed: 3, rejected: 0 });
      expect(restoredIds()).toEqual(made);
      expect(await db.outbox.count()).toBe(0);
      expect((await db.dutyChecks.get(['d-sweep', TODAY]))?.checked).toBe(false);
      expect((await db.dutyChecks.get(['d-bins', TODAY]))?.checked).toBe(true);
      expect(restoredDb.select().from(dutyChecks).where(eq(dutyChecks.dutyId, 'd-bins')).get()).toMatchObject({ checked: true });
      // The next run has nothing to send again.
      expect(await runSync(syncDeps(db, url, token, staff.personId, clock))).toMatchObject({ state: 'done', pushed: 0 });
      expect(restoredIds()).toEqual(made);
    } finally {
      restored.closeAllConnections();
      await new Promise((r) => restored.close(r));
      restoredDb.$client.close();
      rmSync(kept, { recursive: true, force: true });
    }
  });

  it('a duplicate acknowledgement is harmless: an event the server already has is stored once and leaves the outbox', async () => {
    const clock = testClock(TEST_NOW);
    const event = await setDutyChecked(db, staff, { dutyId: 'd-bins', periodKey: TODAY }, true, clock.now());
    // The reply to an earlier push was lost: the server has the event, the outbox still holds it.
    const { createApi } = await import('../../extension/lib/api');
    await createApi(server.url, token).sync.push.mutate({ events: [event] });

    const outcome = await runSync(syncDeps(db, server.url, token, staff.personId, clock));
    expect(outcome).toMatchObject({ state: 'done' });
    expect(storedIds()).toEqual([event.id]);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.dutyChecks.get(['d-bins', TODAY]))?.checked).toBe(true);

    // And a pull of the same event again (cursor reset) changes nothing.
    await db.meta.put({ key: 'sync', value: { ...(await readSyncMeta(db)), cursor: 0 } });
    await runSync(syncDeps(db, server.url, token, staff.personId, clock));
    expect(await db.dutyChecks.count()).toBe(1);
    expect(storedIds()).toEqual([event.id]);
  });

  it('a refused event is kept as rejected with the server\'s message; the others land', async () => {
    const clock = testClock(TEST_NOW);
    await setDutyChecked(db, staff, { dutyId: 'd-sweep', periodKey: TODAY }, true, clock.now());
    // Next Monday's period has not started: the server refuses that one tick.
    const bad = await setDutyChecked(db, staff, { dutyId: 'd-sweep', periodKey: '2026-11-30' }, true, clock.now() + 1);
    await setDutyChecked(db, staff, { dutyId: 'd-bins', periodKey: TODAY }, true, clock.now() + 2);

    const outcome = await runSync(syncDeps(db, server.url, token, staff.personId, clock));
    expect(outcome).toMatchObject({ state: 'done', pushed: 2, rejected: 1 });
    expect(storedIds()).toHaveLength(2);
    expect(storedIds()).not.toContain(bad.id);
    const left = await db.outbox.toArray();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ id: bad.id, state: 'rejected', lastError: '这个周期还没开始，不能提前打勾' });

    // A rejected event is not sent again on the next run.
    expect(await runSync(syncDeps(db, server.url, token, staff.personId, clock))).toMatchObject({ state: 'done', pushed: 0 });
  });

  it('uploads an issue\'s photo before the issue, and takes the deadline the server stamped', async () => {
    const clock = testClock(TEST_NOW);
    const photo = await storePhoto(db, new Blob([Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9])], { type: 'image/jpeg' }), clock.now());
    const { uuidv7 } = await import('uuidv7');
    const issueId = uuidv7();
    await record(
      db,
      staff,
      { kind: 'issue.reported', payload: { issueId, category: 'sanitation', zoneId: 'z1', gridCellId: 'g-a1', place: '人民路东段', description: '垃圾桶满溢', photoIds: [photo], source: 'self_check' } },
      clock.now(),
    );
    expect(await runSync(syncDeps(db, server.url, token, staff.personId, clock))).toMatchObject({ state: 'done', pushed: 1 });
    // On the server beside the small county's two stand-in photos.
    expect(server.db.select().from(photos).all().map((p) => p.id)).toContain(photo);
    const onServer = server.db.select().from(issues).get()!;
    expect(onServer.photoIds).toEqual([photo]);
    expect((await db.issues.get(issueId))?.deadlineAt).toBe(onServer.deadlineAt);
    expect((await db.photos.get(photo))?.uploaded).toBe(1);
  });

  it("pulls what others in the unit did, paging through the server's events", async () => {
    const clock = testClock(TEST_NOW);
    const { createApi } = await import('../../extension/lib/api');
    const { check } = await import('../server/fixtures/smallCounty');
    const head = createApi(server.url, server.tokenFor(PEOPLE.headA.id));
    await head.sync.push.mutate({
      events: [check('u-a', 'd-sweep', TODAY, TEST_NOW - 90_000), check('u-a', 'd-sweep', TODAY, TEST_NOW - 80_000, 'duty.unchecked'), check('u-a', 'd-bins', TODAY, TEST_NOW - 60_000)],
    });
    // Another unit's tick is outside this person's scope and never arrives.
    await createApi(server.url, server.tokenFor(PEOPLE.staffB.id)).sync.push.mutate({ events: [check('u-b', 'd-bins', TODAY, TEST_NOW - 30_000)] });

    // One event per request: three requests, the cursor carried from page to page.
    expect(await runSync({ ...syncDeps(db, server.url, token, staff.personId, clock), pullPage: 1 })).toMatchObject({ state: 'done', pulled: 3 });
    expect((await db.dutyChecks.get(['d-sweep', TODAY]))?.checked).toBe(false);
    const rows = (await db.dutyChecks.toArray()).filter((r) => r.checked);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ unitId: 'u-a', dutyId: 'd-bins', checked: true, checkedBy: PEOPLE.headA.id, checkedAt: TEST_NOW - 60_000 });
    expect((await readSyncMeta(db)).cursor).toBeGreaterThan(0);
  });

  it('a revoked device stops syncing and says so', async () => {
    const clock = testClock(TEST_NOW);
    const { createApi } = await import('../../extension/lib/api');
    await createApi(server.url, token).auth.signOut.mutate();
    await setDutyChecked(db, staff, { dutyId: 'd-sweep', periodKey: TODAY }, true, clock.now());
    expect(await runSync(syncDeps(db, server.url, token, staff.personId, clock))).toMatchObject({ state: 'failed', retryAt: null });
    expect(await readSyncMeta(db)).toMatchObject({ revoked: true });
    expect(await runSync(syncDeps(db, server.url, token, staff.personId, clock), { force: true })).toEqual({ state: 'skipped', reason: 'revoked' });
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('催办', () => {
  it('a head’s nudge reaches the unit’s device once, and an old one does not ring again on a new device', async () => {
    const clock = testClock(TEST_NOW);
    const nudge = { id: eventIdAt(clock.now()), unitId: 'u-a', clientTime: clock.now(), kind: 'nudge.sent' as const, payload: { message: '请尽快完成今日保洁' } };
    pushEvents(server.db, { person: PEOPLE.deptHead, deviceId: 'dev-dept' }, [nudge], clock.now());
    const heard: string[] = [];
    const deps = { ...syncDeps(db, server.url, token, staff.personId, clock), onNudge: (n: { message: string }) => void heard.push(n.message) };
    await runSync(deps);
    await runSync(deps);
    expect(heard).toEqual(['请尽快完成今日保洁']);

    const lateDevice = freshDb();
    clock.advance(2 * 86_400_000);
    const lateHeard: string[] = [];
    await runSync({ ...syncDeps(lateDevice, server.url, token, staff.personId, clock), onNudge: (n) => void lateHeard.push(n.message) });
    expect(lateHeard).toEqual([]);
    lateDevice.close();
  });
});
