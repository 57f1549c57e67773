/*
 * Duplicates judged by content, through the real server: an id sent again with the same content is acknowledged
 * as before; the same id with other content, or an id stored for a unit outside the caller's scope, is refused
 * with one Chinese message that says nothing about the stored event, and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { eventIdAt } from '../../shared/eventId';
import { apiClient, refusal, startCountyServer, type Api, type CountyServer } from '../support/countyServer';
import { PEOPLE, check } from './fixtures/smallCounty';
import { fingerprint } from '../support/dbFingerprint';
import { verifyLedger } from '../../server/domain/ledgerChain';
import { ID_CLASH } from '../../server/domain/ledger';
import type { ClientEvent } from '../../shared/schemas/events';

let county: CountyServer;
let staffA: Api;
let staffB: Api;
let command: Api;
const friday = '2026-11-27';

beforeAll(async () => {
  county = await startCountyServer();
  [staffA, staffB, command] = [PEOPLE.staffA, PEOPLE.staffB, PEOPLE.command].map((p) => apiClient(county.url, county.tokenFor(p.id)));
});
afterAll(() => county.close());

/** Pushes a batch that must be refused; returns the message, and checks the database did not change. */
async function refusedWithoutChange(api: Api, events: ClientEvent[]): Promise<string> {
  await api.auth.me.query(); // a device's first call records when it was last seen: not part of the push
  const before = fingerprint(county.db);
  const error = await refusal(api.sync.push.mutate({ events }));
  expect(error.data?.httpStatus).toBe(409);
  expect(fingerprint(county.db)).toBe(before);
  return error.message;
}

describe('an id already stored', () => {
  it('sent again with the same content is acknowledged as a duplicate and stored once', async () => {
    const tick = check('u-a', 'd-sweep', friday, county.clock.now() - 60_000);
    expect(await staffA.sync.push.mutate({ events: [tick] })).toMatchObject({ stored: [tick.id], duplicates: [] });
    // The same event as the device keeps it, with its payload keys in another order.
    const resent = { ...tick, payload: { periodKey: friday, dutyId: 'd-sweep' } } as ClientEvent;
    expect(await staffA.sync.push.mutate({ events: [resent] })).toMatchObject({ stored: [], duplicates: [tick.id] });
    const count = county.db.$client.prepare('select count(*) from events where id = ?').pluck().get(tick.id);
    expect(count).toBe(1);
  });

  it('a report sent again with another deadline is the same report: the server stamps the deadline anyway', async () => {
    const report: ClientEvent = {
      id: eventIdAt(county.clock.now() - 30_000), unitId: 'u-a', clientTime: county.clock.now() - 30_000, kind: 'issue.reported',
      payload: { issueId: uuidv7(), category: 'sanitation', zoneId: 'z1', gridCellId: null, place: '人民路东段', description: '垃圾堆放', photoIds: [], source: 'self_check' },
    };
    await staffA.sync.push.mutate({ events: [report] });
    const again = { ...report, payload: { ...report.payload, deadlineAt: county.clock.now() + 1 } } as ClientEvent;
    expect(await staffA.sync.push.mutate({ events: [again] })).toMatchObject({ stored: [], duplicates: [report.id] });
  });

  it('with other content is refused, and the message reveals nothing of what is stored', async () => {
    const tick = check('u-a', 'd-bins', friday, county.clock.now() - 50_000);
    await staffA.sync.push.mutate({ events: [tick] });
    const changed = { ...tick, payload: { dutyId: 'd-sweep', periodKey: friday } } as ClientEvent;
    const message = await refusedWithoutChange(staffA, [check('u-a', 'd-corner', '2026-W48', county.clock.now()), changed]);
    expect(message).toBe(`第2条记录未被接受：${ID_CLASH}`);
    for (const stored of ['d-bins', '垃圾桶', friday, 'duty.checked', PEOPLE.staffA.name]) expect(message).not.toContain(stored);
    // An untick under the same id, or the same tick at another time, is other content too.
    await refusedWithoutChange(staffA, [{ ...tick, kind: 'duty.unchecked' } as ClientEvent]);
    await refusedWithoutChange(staffA, [{ ...tick, clientTime: tick.clientTime + 1 }]);
  });

  it('stored for a unit outside the caller’s scope is refused with the same message, even with identical content', async () => {
    const tick = check('u-a', 'd-sweep', '2026-11-26', county.clock.now() - 40_000);
    await staffA.sync.push.mutate({ events: [tick] });
    // Another unit's device re-sending the id: as its own tick, or as a copy of the stored one.
    const asOwn = await refusedWithoutChange(staffB, [{ ...tick, unitId: 'u-b' }]);
    const asCopy = await refusedWithoutChange(staffB, [tick]);
    expect(asOwn).toBe(`第1条记录未被接受：${ID_CLASH}`);
    expect(asCopy).toBe(asOwn);
    for (const stored of ['县教育局', 'u-a', '2026-11-26']) expect(asOwn).not.toContain(stored);
  });

  it('the command center, who sees every unit, still gets an identical resend acknowledged and a clash refused', async () => {
    const nudge: ClientEvent = { id: eventIdAt(county.clock.now() - 20_000), unitId: 'u-b', clientTime: county.clock.now() - 20_000, kind: 'nudge.sent', payload: { message: '请尽快完成今日保洁' } };
    await command.sync.push.mutate({ events: [nudge] });
    expect(await command.sync.push.mutate({ events: [nudge] })).toMatchObject({ duplicates: [nudge.id] });
    await refusedWithoutChange(command, [{ ...nudge, payload: { message: '另一条催办' } } as ClientEvent]);
  });

  it('twice in one batch: identical is stored once, different refuses the batch', async () => {
    const tick = check('u-a', 'd-corner', '2026-W48', county.clock.now() - 10_000);
    expect(await staffA.sync.push.mutate({ events: [tick, tick] })).toMatchObject({ stored: [tick.id], duplicates: [tick.id] });
    const fresh = check('u-a', 'd-bins', '2026-11-26', county.clock.now() - 5_000);
    const message = await refusedWithoutChange(staffA, [fresh, { ...fresh, clientTime: fresh.clientTime - 1 }]);
    expect(message).toBe(`第2条记录未被接受：${ID_CLASH}`);
  });

  it('between new events in one batch: the new ones are stored in order and the hash chain has no gap where the resend was', async () => {
    const first = check('u-a', 'd-sweep', '2026-11-25', county.clock.now() - 9_000);
    await staffA.sync.push.mutate({ events: [first] });
    const before = county.db.$client.prepare('select max(seq) from events').pluck().get() as number;
    const [a, b] = [check('u-a', 'd-bins', '2026-11-25', county.clock.now() - 8_000), check('u-a', 'd-corner', '2026-W47', county.clock.now() - 7_000)];
    expect(await staffA.sync.push.mutate({ events: [a, first, b] })).toMatchObject({ stored: [a.id, b.id], duplicates: [first.id] });
    const seqs = county.db.$client.prepare('select seq from events where id in (?, ?) order by seq').pluck().all(a.id, b.id);
    expect(seqs).toEqual([before + 1, before + 2]);
    expect(verifyLedger(county.db.$client)).toMatchObject({ ok: true, checkpoint: { seq: before + 2 } });
  });
});
