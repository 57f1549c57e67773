/*
 * The server is killed with SIGKILL in the middle of a push load, three times, and restarted on the same file.
 * Every event the server acknowledged before a kill is still there, the file passes `PRAGMA integrity_check`,
 * the projections equal a rebuild from the ledger, and devices that resume re-push what was in flight without
 * anything stored twice.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dateKeyOf } from '../../shared/calendar';
import { openDb } from '../../server/db/open';
import { dutyChecks } from '../../server/db/schema';
import { rebuildProjections } from '../../server/domain/ledger';
import { PEOPLE } from './fixtures/smallCounty';
import { SimulatedDevice } from '../support/simulatedDevice';
import { freePort, killHard, smallCountyFile, spawnChildServer, startChildServer, type ChildServer } from '../support/childServer';

const KILLS = 3;
const ACKS_BETWEEN_KILLS = 600;
const dir = mkdtempSync(join(tmpdir(), 'pqt-crash-'));
const file = join(dir, 'county.sqlite');
let child: ChildServer | null = null;

afterAll(async () => {
  if (child) await killHard(child.process);
  rmSync(dir, { recursive: true, force: true });
});

/** The ids in the file, read by a fresh connection after an integrity check. */
function inspect(): { integrity: string; ids: string[] } {
  const raw = new Database(file, { readonly: true });
  try {
    const integrity = raw.pragma('integrity_check', { simple: true }) as string;
    const ids = (raw.prepare('select id from events').all() as { id: string }[]).map((r) => r.id);
    return { integrity, ids };
  } finally {
    raw.close();
  }
}

describe('a server killed mid-push', () => {
  it('keeps every acknowledged event and resumes without duplicates', { timeout: 90_000 }, async () => {
    // Two browsers each for three people: six pushers keep the server busy, so a kill lands inside a request.
    const people = [
      { person: PEOPLE.staffA, unitId: 'u-a' },
      { person: PEOPLE.headA, unitId: 'u-a' },
      { person: PEOPLE.staffB, unitId: 'u-b' },
    ].flatMap((p) => [p, p]);
    const tokens = smallCountyFile(file, people.map((p) => p.person.id));

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const devices = people.map((p, i) => ({ ...p, d: new SimulatedDevice({ name: `load${i}`, url, token: tokens[i], personId: p.person.id, batch: 20 }) }));
    const acked = new Set<string>();
    let running = true;

    // Each device keeps making ticks (today's bins, which any day allows) and pushing, whatever the server's state.
    const load = devices.map(async ({ d, unitId }) => {
      let n = 0;
      while (running) {
        while (d.outbox.length < 60) {
          const clientTime = Date.now();
          d.record({ unitId, clientTime, kind: n++ % 3 === 2 ? 'duty.unchecked' : 'duty.checked', payload: { dutyId: 'd-bins', periodKey: dateKeyOf(clientTime) } });
        }
        const before = new Set(d.outbox.map((e) => e.id));
        if (await d.push()) {
          for (const id of before) if (!d.outbox.some((e) => e.id === id)) acked.add(id);
        } else {
          await new Promise((r) => setTimeout(r, 20)); // the server is down: retry shortly, as the extension does
        }
      }
    });

    for (let kill = 0; kill < KILLS; kill++) {
      child = await startChildServer(dir, port);
      const target = acked.size + ACKS_BETWEEN_KILLS;
      while (acked.size < target) await new Promise((r) => setTimeout(r, 5));
      await killHard(child.process);
      const ackedAtKill = [...acked];
      const { integrity, ids } = inspect();
      expect(integrity).toBe('ok');
      const stored = new Set(ids);
      expect(ackedAtKill.filter((id) => !stored.has(id))).toEqual([]);
      expect(stored.size).toBe(ids.length);
    }

    // Back up for good: the load stops, and every device drains its outbox.
    child = await startChildServer(dir, port);
    running = false;
    await Promise.all(load);
    for (const { d } of devices) {
      for (let i = 0; d.outbox.length && i < 100; i++) await d.push();
      expect(d.outbox).toEqual([]);
      expect(d.refusals).toEqual([]);
    }
    await killHard(child.process);
    child = null;

    const made = devices.flatMap(({ d }) => d.made.map((e) => e.id));
    const { integrity, ids } = inspect();
    expect(integrity).toBe('ok');
    expect(ids.length).toBe(made.length);
    expect(new Set(ids)).toEqual(new Set(made));

    const db = openDb(file);
    const live = db.select().from(dutyChecks).all();
    rebuildProjections(db);
    expect(db.select().from(dutyChecks).all()).toEqual(live);
    db.$client.close();
    // Re-pushed events the server had stored but not acknowledged when it died (answered as duplicates).
    const inFlightAtKill = devices.reduce((n, { d }) => n + d.duplicatesAcked, 0);
    console.log('crash test', JSON.stringify({ kills: KILLS, eventsMade: made.length, ackedBeforeLastKill: acked.size, inFlightAtKill }));
  });

  it('killed while seeding the demo county, it comes back with the whole county or none of it, then seeds', { timeout: 120_000 }, async () => {
    const seedDir = mkdtempSync(join(tmpdir(), 'pqt-seedcrash-'));
    try {
      const port = await freePort();
      // Kill at a few points after the file is opened: during migrations, during the one seeding transaction.
      for (const afterMs of [0, 400, 1200]) {
        const { child: seeding } = spawnChildServer(seedDir, port, true);
        for (let i = 0; i < 400 && !existsSync(join(seedDir, 'county.sqlite')) && seeding.exitCode === null; i++) await new Promise((r) => setTimeout(r, 10));
        await new Promise((r) => setTimeout(r, afterMs));
        await killHard(seeding);
        if (!existsSync(join(seedDir, 'county.sqlite'))) continue; // killed before it opened the file
        const raw = new Database(join(seedDir, 'county.sqlite'), { readonly: true });
        try {
          expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
          const count = (table: string) => {
            const exists = raw.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
            return exists ? (raw.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n : 0;
          };
          // All or nothing: no zones without the ledger, no ledger without people.
          const [zones, people, ledger] = [count('zones'), count('people'), count('events')];
          console.log('killed while seeding', JSON.stringify({ afterMs, zones, people, ledger }));
          expect(zones === 0 ? [people, ledger] : [zones > 0, people > 0, ledger > 0], `killed after ${afterMs} ms`).toEqual(zones === 0 ? [0, 0] : [true, true, true]);
        } finally {
          raw.close();
        }
      }
      const server = await startChildServer(seedDir, port, true);
      await killHard(server.process);
      const db = openDb(join(seedDir, 'county.sqlite'));
      try {
        expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
        expect((db.$client.prepare('select count(*) as n from zones').get() as { n: number }).n).toBe(34);
        const live = db.select().from(dutyChecks).all();
        rebuildProjections(db);
        expect(db.select().from(dutyChecks).all()).toEqual(live);
      } finally {
        db.$client.close();
      }
    } finally {
      rmSync(seedDir, { recursive: true, force: true });
    }
  });
});
