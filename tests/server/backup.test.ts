/*
 * An online backup taken while devices are pushing is a consistent database: it passes integrity and foreign-key
 * checks, it holds a prefix of the ledger (no gaps, nothing half-written), every event in it has its projection,
 * and rebuilding the projections from its ledger gives exactly the projections it holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { asc } from 'drizzle-orm';
import Database from 'better-sqlite3';
import { openDb, type Db } from '../../server/db/open';
import { dutyChecks, events, issues } from '../../server/db/schema';
import { rebuildProjections } from '../../server/domain/ledger';
import { instantAt } from '../../shared/calendar';
import { PEOPLE, STAND_IN_PHOTOS, smallCounty } from './fixtures/smallCounty';
import { enrolDevice, issueEnrolCode } from '../../server/domain/auth';
import { dateKeyOf } from '../../shared/calendar';
import { freePort, killHard, runAdmin, startChildServer } from '../support/childServer';
import { startCountyServer, TEST_NOW, type CountyServer } from '../support/countyServer';
import { SimulatedDevice, randomDutyEvent } from '../support/simulatedDevice';
import { issueInState } from '../support/issueStates';
import { mulberry32 } from '../../server/seed/random';

const WEEK = { dates: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'], weekKey: '2026-W48', from: instantAt('2026-11-23', '07:00'), to: TEST_NOW };

let county: CountyServer;
beforeAll(async () => {
  county = await startCountyServer();
});
afterAll(() => county.close());

const eventCount = (db: Db) => (db.$client.prepare('select count(*) as n from events').get() as { n: number }).n;

function projections(db: Db) {
  return {
    checks: db.select().from(dutyChecks).orderBy(asc(dutyChecks.unitId), asc(dutyChecks.dutyId), asc(dutyChecks.periodKey)).all(),
    issues: db.select().from(issues).orderBy(asc(issues.id)).all(),
  };
}

const count2 = (file: string) => {
  const raw = new Database(file, { readonly: true });
  try {
    return (raw.prepare('select count(*) as n from events').get() as { n: number }).n;
  } finally {
    raw.close();
  }
};

/** The checks a restored backup must pass. */
function verifyCopy(file: string, liveDb: Db, label: string) {
  const copy = openDb(file);
  try {
    expect(copy.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.$client.pragma('foreign_key_check')).toEqual([]);

    // A prefix of the live ledger: the same events with the same seqs, 1..n without a gap.
    const copied = copy.select({ seq: events.seq, id: events.id }).from(events).orderBy(asc(events.seq)).all();
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.map((e) => e.seq)).toEqual(copied.map((_, i) => i + 1));
    const live = liveDb.select({ seq: events.seq, id: events.id }).from(events).orderBy(asc(events.seq)).limit(copied.length).all();
    expect(copied).toEqual(live);

    // Every event has its projection.
    const rows = copy.select().from(events).all();
    const checkKeys = new Set(copy.select().from(dutyChecks).all().map((r) => `${r.unitId}|${r.dutyId}|${r.periodKey}`));
    const issueIds = new Set(copy.select({ id: issues.id }).from(issues).all().map((r) => r.id));
    for (const e of rows) {
      const p = e.payload as { dutyId?: string; periodKey?: string; issueId?: string };
      if (e.kind.startsWith('duty.')) expect(checkKeys.has(`${e.unitId}|${p.dutyId}|${p.periodKey}`), e.id).toBe(true);
      if (e.kind === 'issue.reported') expect(issueIds.has(p.issueId!), e.id).toBe(true);
    }

    // And the projections are exactly what the ledger in the copy says.
    const held = projections(copy);
    rebuildProjections(copy);
    expect(projections(copy)).toEqual(held);
    console.log('backup test', label, JSON.stringify({ eventsInBackup: copied.length, eventsLiveNow: eventCount(liveDb) }));
  } finally {
    copy.$client.close();
  }
}

describe('backup while pushes are running', () => {
  it('a stepwise backup on the server’s own connection, with pushes between its steps, is consistent', { timeout: 30_000 }, async () => {
    const rng = mulberry32(2026);
    const writers = [
      { person: PEOPLE.staffA, unitId: 'u-a', zoneId: 'z1' },
      { person: PEOPLE.headA, unitId: 'u-a', zoneId: 'z1' },
      { person: PEOPLE.staffB, unitId: 'u-b', zoneId: 'z2' },
    ].map((w, i) => ({ ...w, d: new SimulatedDevice({ name: `w${i}`, url: county.url, token: county.tokenFor(w.person.id), personId: w.person.id, batch: 10 }) }));

    let running = true;
    const load = writers.map(async ({ d, unitId, zoneId }) => {
      while (running) {
        for (let i = 0; i < 10; i++) {
          if (rng.chance(0.2)) {
            d.record({ unitId, clientTime: rng.int(WEEK.from, WEEK.to), kind: 'issue.reported', payload: { issueId: uuidv7(), category: 'sanitation', zoneId, gridCellId: null, place: '门前', description: '垃圾未清', photoIds: [], source: 'self_check' } });
          } else {
            d.record(randomDutyEvent(rng, unitId, WEEK, (date) => instantAt(date, '00:00')));
          }
        }
        await d.push();
      }
    });

    // Let the ledger grow, then back up in small steps so pushes land between them.
    while (eventCount(county.db) < 500) await new Promise((r) => setTimeout(r, 10));
    const copyFile = join(county.dir, 'backup.sqlite');
    let steps = 0;
    const atStart = eventCount(county.db);
    await county.db.$client.backup(copyFile, { progress: () => (steps++, 4) });
    const liveAtEnd = eventCount(county.db);
    running = false;
    await Promise.all(load);
    expect(steps).toBeGreaterThan(5);
    expect(liveAtEnd, 'pushes landed while the backup ran').toBeGreaterThan(atStart);

    verifyCopy(copyFile, county.db, 'the server’s connection');
  });

  it('a copy taken from another process while the server writes is consistent too', { timeout: 30_000 }, async () => {
    // The admin command runs in its own process with its own connection, beside a server that keeps writing.
    const dir = mkdtempSync(join(tmpdir(), 'pqt-backup-'));
    const file = join(dir, 'county.sqlite');
    const seed = smallCounty(file);
    const writers = [PEOPLE.staffA, PEOPLE.staffB].map((person, i) => {
      const r = enrolDevice(seed, issueEnrolCode(seed, person.id, Date.now()), '压测', Date.now());
      if (!r.ok) throw new Error(r.reason);
      return { person, unitId: person.unitId!, token: r.token, i };
    });
    seed.$client.close();
    const port = await freePort();
    const child = await startChildServer(dir, port);
    const devices = writers.map((w) => ({ ...w, d: new SimulatedDevice({ name: `c${w.i}`, url: child.url, token: w.token, personId: w.person.id, batch: 10 }) }));
    let running = true;
    const load = devices.map(async ({ d, unitId }) => {
      for (let n = 0; running; n++) {
        for (let i = 0; i < 10; i++) d.record({ unitId, clientTime: Date.now(), kind: n % 2 ? 'duty.unchecked' : 'duty.checked', payload: { dutyId: 'd-bins', periodKey: dateKeyOf(Date.now()) } });
        await d.push();
      }
    });
    try {
      const reader = new Database(file, { readonly: true });
      const count = () => (reader.prepare('select count(*) as n from events').get() as { n: number }).n;
      while (count() < 300) await new Promise((r) => setTimeout(r, 10));
      // VACUUM INTO copies one read snapshot in one statement. (SQLite's stepwise backup API, by contrast, starts
      // over whenever another connection writes between its steps: on a 2 MB file beside a writer pushing every
      // millisecond, 4-page steps took about 16 passes; a county-sized file under load takes many more.)
      const copies = [join(dir, 'copy1.sqlite'), join(dir, 'copy2.sqlite')];
      const counts = [count()];
      for (const copyFile of copies) {
        reader.prepare('VACUUM INTO ?').run(copyFile);
        await new Promise((r) => setTimeout(r, 30));
        counts.push(count());
      }
      reader.close();
      expect(counts[2], 'the server kept writing while the copies were taken').toBeGreaterThan(counts[0]);

      // And the admin command itself (`npm run admin -- backup`, server/domain/backup.ts), under the same load.
      const cliCopy = join(dir, 'admin-backup');
      const started = Date.now();
      const before = count2(file);
      // Spawned, not spawnSync: the pushes come from this process and must keep going meanwhile.
      const cli = await runAdmin(['backup', cliCopy], dir, 20_000);
      expect(cli.code, cli.output).toBe(0);
      expect(cli.output).toMatch('备份完成');
      expect(count2(file), 'pushes landed while the admin backup ran').toBeGreaterThan(before);
      copies.push(join(cliCopy, 'county.sqlite'));
      console.log('admin backup beside a writing server', JSON.stringify({ ms: Date.now() - started }));
      running = false;
      await Promise.all(load);
      const live = openDb(file);
      try {
        for (const copyFile of copies) verifyCopy(copyFile, live, 'another process');
      } finally {
        live.$client.close();
      }
    } finally {
      running = false;
      await killHard(child.process);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a database restored without its photos folder: a missing photo is a 404 and the server stays up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pqt-restore-'));
    const file = join(dir, 'county.sqlite');
    const db = smallCounty(file);
    const photoId = STAND_IN_PHOTOS[1]; // a photo row, with no file beside it
    issueInState(db, 'u-a', 'reported', Date.now() - 60_000, [photoId]);
    const r = enrolDevice(db, issueEnrolCode(db, PEOPLE.command.id, Date.now()), '指挥部', Date.now());
    if (!r.ok) throw new Error(r.reason);
    db.$client.close();
    const child = await startChildServer(dir, await freePort());
    try {
      const res = await fetch(`${child.url}/photos/${photoId}`, { headers: { authorization: `Bearer ${r.token}` } });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await fetch(`${child.url}/healthz`)).status).toBe(200);
    } finally {
      await killHard(child.process);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
