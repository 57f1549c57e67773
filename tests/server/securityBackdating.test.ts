/*
 * Backdating. A device works offline for up to seven days, so its own clock is trusted within that window (and
 * up to five minutes ahead). Beyond it the server's receive time counts and the event is flagged: a tick for a
 * long-past period is stored as late, never as on time, whatever time the device claims.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { dutyChecks, events } from '../../server/db/schema';
import { PACKAGE_CALENDAR, DAY, MINUTE, instantAt } from '../../shared/calendar';
import { dutyStatus, MAX_OFFLINE, MAX_CLOCK_AHEAD } from '../../shared/schedule';
import { loadOrg } from '../../server/domain/org';
import { PEOPLE } from './fixtures/smallCounty';
import { apiClient, startCountyServer, TEST_NOW, type Api, type CountyServer } from '../support/countyServer';
import { eventIdAt } from '../../shared/eventId';

let county: CountyServer;
let staff: Api;
beforeAll(async () => {
  county = await startCountyServer();
  staff = apiClient(county.url, county.tokenFor(PEOPLE.staffA.id));
});
afterAll(() => county.close());

/** Pushes one tick of 门前三包区域清扫 (due 09:00 on working days) and returns how it was stored and judged. */
async function tick(periodKey: string, clientTime: number) {
  const id = eventIdAt(county.clock.now()); // the id is made now; only the claimed time is odd
  await staff.sync.push.mutate({ events: [{ id, unitId: 'u-a', clientTime, kind: 'duty.checked', payload: { dutyId: 'd-sweep', periodKey } }] });
  const stored = county.db.select().from(events).where(eq(events.id, id)).get()!;
  const row = county.db.select().from(dutyChecks).where(and(eq(dutyChecks.unitId, 'u-a'), eq(dutyChecks.dutyId, 'd-sweep'), eq(dutyChecks.periodKey, periodKey))).get()!;
  const duty = loadOrg(county.db).dutyById.get('d-sweep')!;
  return { stored, status: dutyStatus(duty, periodKey, row.checkedAt, county.clock.now(), PACKAGE_CALENDAR) };
}

describe('backdated and skewed ticks, over HTTP', () => {
  it('an offline tick made on time within the week counts as on time, with the device time kept', async () => {
    const { stored, status } = await tick('2026-11-23', instantAt('2026-11-23', '08:30'));
    expect(status).toBe('on_time');
    expect(stored).toMatchObject({ clientTime: instantAt('2026-11-23', '08:30'), effectiveAt: instantAt('2026-11-23', '08:30'), receivedAt: TEST_NOW, clockSkewed: false });
  });

  it('a tick for a period past the seven-day window that claims to be on time is stored as late, flagged', async () => {
    // Friday 13 November, claimed 08:30 that day; received two weeks later.
    const { stored, status } = await tick('2026-11-13', instantAt('2026-11-13', '08:30'));
    expect(status).toBe('late');
    expect(stored).toMatchObject({ effectiveAt: TEST_NOW, receivedAt: TEST_NOW, clockSkewed: true });
  });

  it('the window edge: exactly seven days back is trusted, a millisecond more is not', async () => {
    const edge = TEST_NOW - MAX_OFFLINE; // Friday 20 November 10:00: already late for a 09:00 duty, either way
    const inside = await tick('2026-11-20', edge);
    expect(inside.stored).toMatchObject({ effectiveAt: edge, clockSkewed: false });
    const outside = await tick('2026-11-20', edge - 1);
    expect(outside.stored).toMatchObject({ effectiveAt: TEST_NOW, clockSkewed: true });
    expect(outside.status).toBe('late');
  });

  it('a device clock running ahead by more than five minutes is not trusted; within five it is', async () => {
    const ahead = await tick('2026-11-27', TEST_NOW + MAX_CLOCK_AHEAD + 1);
    expect(ahead.stored).toMatchObject({ effectiveAt: TEST_NOW, clockSkewed: true });
    const slightly = await tick('2026-11-26', TEST_NOW + MAX_CLOCK_AHEAD);
    expect(slightly.stored).toMatchObject({ effectiveAt: TEST_NOW + MAX_CLOCK_AHEAD, clockSkewed: false });
  });

  it('a clock set years back cannot tick a period that has not started; one set to 2020 gets the receive time', async () => {
    const ancient = await tick('2026-11-27', Date.UTC(2020, 0, 2));
    expect(ancient.stored).toMatchObject({ effectiveAt: TEST_NOW, clockSkewed: true });
    const early = await staff.sync.push
      .mutate({ events: [{ id: eventIdAt(TEST_NOW), unitId: 'u-a', clientTime: TEST_NOW, kind: 'duty.checked', payload: { dutyId: 'd-sweep', periodKey: '2026-11-30' } }] })
      .catch((e: Error) => e.message);
    expect(early).toBe('第1条记录未被接受：这个周期还没开始，不能提前打勾');
  });

  it('a late tick stays late after the server clock moves on, and the week-old on-time tick stays on time', async () => {
    county.clock.advance(3 * DAY + 5 * MINUTE);
    const duty = loadOrg(county.db).dutyById.get('d-sweep')!;
    const checkedAt = (key: string) => county.db.select().from(dutyChecks).where(and(eq(dutyChecks.unitId, 'u-a'), eq(dutyChecks.periodKey, key), eq(dutyChecks.dutyId, 'd-sweep'))).get()!.checkedAt;
    expect(dutyStatus(duty, '2026-11-13', checkedAt('2026-11-13'), county.clock.now(), PACKAGE_CALENDAR)).toBe('late');
    expect(dutyStatus(duty, '2026-11-23', checkedAt('2026-11-23'), county.clock.now(), PACKAGE_CALENDAR)).toBe('on_time');
  });
});
