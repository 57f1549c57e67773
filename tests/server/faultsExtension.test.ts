/*
 * The extension's own sync engine (extension/lib/sync.ts over its Dexie database, here on fake-indexeddb) through
 * the same hostile network as faults.test.ts: several browsers tick and untick through the panel's ledger
 * (extension/lib/ledger.ts) and run the engine as the background does, while the proxy drops, duplicates, delays
 * and reorders. At the end the server holds every tick once, no outbox entry was refused, and every browser's
 * IndexedDB projection equals the server's duty_checks for its unit.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { dutyChecks, events } from '../../server/db/schema';
import { PanelDb } from '../../extension/lib/db';
import { setDutyChecked } from '../../extension/lib/ledger';
import { runSync, type SyncDeps } from '../../extension/lib/sync';
import { createApi, uploadPhoto } from '../../extension/lib/api';
import { instantAt, startOfDate } from '../../shared/calendar';
import type { DutyCheckRow } from '../../shared/projection';
import { PEOPLE } from './fixtures/smallCounty';
import { startCountyServer, TEST_NOW, type CountyServer } from '../support/countyServer';
import { startFaultProxy } from '../support/faultProxy';
import { randomDutyEvent, rowKey } from '../support/simulatedDevice';
import { mulberry32 } from '../../server/seed/random';

const SEEDS = process.env.FAULT_SEED ? [Number(process.env.FAULT_SEED)] : [31, 62, 93, 124, 155, 186];
const WEEK = { dates: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'], weekKey: '2026-W48', from: instantAt('2026-11-23', '07:00'), to: TEST_NOW };
const ACTIONS_PER_BROWSER = 10;
const sortRows = (rows: DutyCheckRow[]) => [...rows].sort((a, b) => rowKey(a).localeCompare(rowKey(b)));

let county: CountyServer | null = null;
const browsers: PanelDb[] = [];
afterEach(async () => {
  for (const db of browsers.splice(0)) db.close();
  await county?.close();
  county = null;
});

describe('the extension’s sync engine through a network that drops, duplicates, delays and reorders', () => {
  it.each(SEEDS)('seed %i: every tick reaches the server once and every browser ends up agreeing with it', async (seed) => {
    county = await startCountyServer();
    const names = new Map<string, string>();
    const proxy = await startFaultProxy(county.url, seed, undefined, (req) => names.get(String(req.headers.authorization)) ?? 'anonymous');
    const rng = mulberry32(seed);
    const people = [
      { person: PEOPLE.staffA, unitId: 'u-a' },
      { person: PEOPLE.staffA, unitId: 'u-a' },
      { person: PEOPLE.headA, unitId: 'u-a' },
      { person: PEOPLE.staffB, unitId: 'u-b' },
    ];
    const devices = people.map(({ person, unitId }, i) => {
      const { token, deviceId } = county!.deviceFor(person.id);
      names.set(`Bearer ${token}`, `browser${i}`);
      const db = new PanelDb(`faults-${seed}-${i}`);
      browsers.push(db);
      const deps: SyncDeps = { db, api: createApi(proxy.url, token), uploadPhoto: (b) => uploadPhoto(proxy.url, token, b), now: () => TEST_NOW, random: rng.next, personId: person.id, deviceId };
      return { db, deps, who: { personId: person.id, unitId }, made: [] as string[] };
    });

    await Promise.all(
      devices.map(async (d) => {
        for (let i = 0; i < ACTIONS_PER_BROWSER; i++) {
          const e = randomDutyEvent(rng, d.who.unitId, WEEK, startOfDate);
          const made = await setDutyChecked(d.db, d.who, e.payload as { dutyId: string; periodKey: string }, e.kind === 'duty.checked', e.clientTime);
          d.made.push(made.id);
          if (rng.chance(0.4)) await runSync(d.deps, { force: true });
        }
      }),
    );
    // Each browser retries until one whole run gets through (the network stays bad); then late copies land;
    // then one more successful run each, to pull whatever the others pushed meanwhile.
    const untilDone = (d: (typeof devices)[number]) => (async () => {
      for (let i = 0; i < 300; i++) if ((await runSync(d.deps, { force: true })).state === 'done') return;
      throw new Error('a browser never got a whole sync through');
    })();
    await Promise.all(devices.map(untilDone));
    await proxy.idle();
    await Promise.all(devices.map(untilDone));
    await proxy.close();

    const made = devices.flatMap((d) => d.made);
    const stored = county.db.select({ id: events.id }).from(events).all().map((r) => r.id);
    expect(stored.length).toBe(made.length);
    expect(new Set(stored)).toEqual(new Set(made));
    const serverRows = sortRows(county.db.select().from(dutyChecks).all());
    for (const d of devices) {
      expect(await d.db.outbox.count(), 'outbox empty').toBe(0);
      expect(sortRows(await d.db.dutyChecks.toArray())).toEqual(serverRows.filter((r) => r.unitId === d.who.unitId));
    }
    expect(proxy.stats.droppedRequests + proxy.stats.droppedResponses + proxy.stats.lateRequests + proxy.stats.duplicated).toBeGreaterThan(10);
  });
});
