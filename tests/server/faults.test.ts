/*
 * Sync under a hostile network. Several simulated devices (two browsers of one staff member, a unit head, a
 * second unit's staff, and read-only heads) make ticks, unticks and issue reports and sync them through a proxy
 * that drops, duplicates, delays and reorders requests and responses. At the end, for every seed: the server
 * holds exactly the union of what the devices made, once each, and every device's local projection equals the
 * server's duty_checks for its scope (and the server's own projection equals a rebuild from its ledger).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { dutyChecks, events, issues } from '../../server/db/schema';
import { rebuildProjections } from '../../server/domain/ledger';
import { instantAt, startOfDate } from '../../shared/calendar';
import type { DutyCheckRow } from '../../shared/projection';
import { PEOPLE } from './fixtures/smallCounty';
import { startCountyServer, TEST_NOW, type CountyServer } from '../support/countyServer';
import { startFaultProxy, type FaultStats } from '../support/faultProxy';
import { SimulatedDevice, randomDutyEvent, rowKey } from '../support/simulatedDevice';
import { mulberry32 } from '../../server/seed/random';

// FAULT_SEED=<n> replays one seed.
export const FAULT_SEEDS = process.env.FAULT_SEED ? [Number(process.env.FAULT_SEED)] : Array.from({ length: 20 }, (_, i) => 1000 + i * 7919);
const WEEK = {
  dates: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'],
  weekKey: '2026-W48',
  from: instantAt('2026-11-23', '07:00'),
  to: TEST_NOW,
};
const EVENTS_PER_WRITER = 10;

const sortRows = (rows: DutyCheckRow[]) => [...rows].sort((a, b) => rowKey(a).localeCompare(rowKey(b)));

let county: CountyServer | null = null;
afterEach(async () => {
  await county?.close();
  county = null;
});

async function runSeed(seed: number): Promise<{ stats: FaultStats; events: number }> {
  county = await startCountyServer();
  const proxy = await startFaultProxy(county.url, seed);
  const rng = mulberry32(seed);
  const device = (name: string, person: { id: string }) =>
    new SimulatedDevice({ name, url: proxy.url, token: county!.tokenFor(person.id), personId: person.id, batch: rng.int(1, 8) });
  const writers = [
    { d: device('staffA-office', PEOPLE.staffA), unitId: 'u-a' },
    { d: device('staffA-laptop', PEOPLE.staffA), unitId: 'u-a' },
    { d: device('headA', PEOPLE.headA), unitId: 'u-a' },
    { d: device('staffB-office', PEOPLE.staffB), unitId: 'u-b' },
    { d: device('staffB-phone', PEOPLE.staffB), unitId: 'u-b' },
  ];
  const readers = [device('deptHead', PEOPLE.deptHead), device('chief2', PEOPLE.chief2), device('command', PEOPLE.command)];
  const all = [...writers.map((w) => w.d), ...readers];

  // The busy phase: every device works and syncs in its own rhythm, all at once.
  await Promise.all(
    writers.map(async ({ d, unitId }) => {
      for (let i = 0; i < EVENTS_PER_WRITER; i++) {
        if (rng.chance(0.15)) {
          d.record({
            unitId,
            clientTime: rng.int(WEEK.from, WEEK.to),
            kind: 'issue.reported',
            payload: { issueId: uuidv7(), category: 'sanitation', zoneId: unitId === 'u-a' ? 'z1' : 'z2', gridCellId: null, place: '门前', description: `随手拍第${i}条`, photoIds: [], source: 'self_check' },
          });
        } else {
          d.record(randomDutyEvent(rng, unitId, WEEK, startOfDate));
        }
        if (rng.chance(0.4)) await d.sync();
      }
    }).concat(readers.map(async (d) => { for (let i = 0; i < 2; i++) await d.pull(); })),
  );

  // Reconnect until every outbox is empty (the network is still bad), then let late copies land, then catch up.
  // Each device on its own: retry until its outbox is empty and a pull got to the end.
  const settle = (d: SimulatedDevice) => (async () => {
    for (let i = 0; i < 300; i++) if (await d.sync()) return;
  })();
  await Promise.all(all.map(settle));
  await proxy.idle();
  await Promise.all(all.map(settle)); // pull what the others pushed after this device's last pull
  await proxy.idle();
  await proxy.close();

  const db = county.db;
  for (const d of all) {
    expect(d.refusals, d.name).toEqual([]);
    expect(d.outbox).toEqual([]);
  }
  const made = writers.flatMap((w) => w.d.made);
  const stored = db.select({ id: events.id }).from(events).all().map((r) => r.id);
  expect(stored.length).toBe(made.length);
  expect(new Set(stored)).toEqual(new Set(made.map((e) => e.id)));

  const serverRows = sortRows(db.select().from(dutyChecks).all());
  const inScope = (units: string[]) => serverRows.filter((r) => units.includes(r.unitId));
  const scopes: Record<string, string[]> = { 'u-a': ['u-a'], 'u-b': ['u-b'] };
  for (const { d, unitId } of writers) expect(sortRows([...d.projection.values()])).toEqual(inScope(scopes[unitId]));
  expect(sortRows([...readers[0].projection.values()])).toEqual(inScope(['u-lead', 'u-a']));
  expect(sortRows([...readers[1].projection.values()])).toEqual(inScope(['u-b']));
  expect(sortRows([...readers[2].projection.values()])).toEqual(serverRows);
  expect(readers[2].seenIssues).toEqual(new Set(db.select({ id: issues.id }).from(issues).all().map((r) => r.id)));

  rebuildProjections(db);
  expect(sortRows(db.select().from(dutyChecks).all())).toEqual(serverRows);
  return { stats: proxy.stats, events: made.length };
}

describe('sync through a network that drops, duplicates, delays and reorders', () => {
  const totals = { events: 0, requests: 0, droppedRequests: 0, droppedResponses: 0, lateRequests: 0, duplicated: 0, delayed: 0 };

  // One test per seed: a failure names its seed, and FAULT_SEED=<seed> replays its fault schedule alone.
  it.each(FAULT_SEEDS)('seed %i: loses nothing and stores nothing twice', async (seed) => {
    const { stats, events: n } = await runSeed(seed);
    totals.events += n;
    for (const k of Object.keys(stats) as (keyof FaultStats)[]) totals[k] += stats[k];
  });

  it('the faults really happened, in numbers worth quoting', () => {
    console.log('fault test totals', JSON.stringify({ seeds: FAULT_SEEDS.length, ...totals }));
    const perSeed = FAULT_SEEDS.length;
    expect(totals.droppedRequests).toBeGreaterThan(3 * perSeed);
    expect(totals.droppedResponses).toBeGreaterThan(3 * perSeed);
    expect(totals.lateRequests).toBeGreaterThan(perSeed);
    expect(totals.duplicated).toBeGreaterThan(3 * perSeed);
  });
});
