/*
 * The contract says event ids are UUIDv7, and the ledger breaks ties by them: an id that is not one, or whose
 * time is implausible against the server's clock (shared/schemas/common.ts EVENT_ID_WINDOW), is refused with a
 * Chinese message and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv4 } from 'uuidv7';
import { events } from '../../server/db/schema';
import { eventIdAt, timeOfEventId } from '../../shared/eventId';
import { EVENT_ID_WINDOW } from '../../shared/schemas/common';
import { DAY, MINUTE } from '../../shared/calendar';
import { PEOPLE } from './fixtures/smallCounty';
import { apiClient, refusal, startCountyServer, TEST_NOW, type CountyServer, type Api } from '../support/countyServer';

let county: CountyServer;
let staff: Api;
beforeAll(async () => {
  county = await startCountyServer();
  staff = apiClient(county.url, county.tokenFor(PEOPLE.staffA.id));
});
afterAll(() => county.close());

const tick = (id: string) => ({ id, unitId: 'u-a', clientTime: TEST_NOW, kind: 'duty.checked' as const, payload: { dutyId: 'd-bins', periodKey: '2026-11-27' } });
const storedCount = () => county.db.select().from(events).all().length;

describe('event ids', () => {
  it.each([
    ['a UUIDv4', uuidv4()],
    ['the all-zero UUID', '00000000-0000-0000-0000-000000000000'],
    ['the all-f UUID', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
    ['a v7 id with the wrong variant', eventIdAt(TEST_NOW).split('-').map((g, i) => (i === 3 ? `c${g.slice(1)}` : g)).join('-')],
    ['a v7 id in capitals', eventIdAt(TEST_NOW).toUpperCase()],
  ])('%s is refused as malformed (400) and nothing is stored', async (_name, id) => {
    const before = storedCount();
    const e = await refusal(staff.sync.push.mutate({ events: [tick(id)] }));
    expect([e.data?.httpStatus, e.message]).toEqual([400, '输入有误（events.0.id）：事件编号必须是小写的 UUIDv7']);
    expect(storedCount()).toBe(before);
  });

  it.each([
    ['made more than a day ahead of the server', TEST_NOW + EVENT_ID_WINDOW.after + MINUTE],
    ['made more than 400 days ago', TEST_NOW - EVENT_ID_WINDOW.before - MINUTE],
    ['made in 1970', 0],
  ])('an id %s is refused with a message to fix the clock', async (_name, at) => {
    const id = eventIdAt(at);
    expect(timeOfEventId(id)).toBe(at);
    const e = await refusal(staff.sync.push.mutate({ events: [tick(id)] }));
    expect([e.data?.httpStatus, e.message]).toEqual([400, '第1条记录未被接受：事件编号中的时间与服务器时间相差过大，请校准设备时钟后重试']);
  });

  it('ids made at the edges of the window are stored: a device back after a year offline, a clock a little ahead', async () => {
    const ids = [eventIdAt(TEST_NOW - EVENT_ID_WINDOW.before + MINUTE), eventIdAt(TEST_NOW + EVENT_ID_WINDOW.after - MINUTE), eventIdAt(TEST_NOW - 3 * DAY)];
    const result = await staff.sync.push.mutate({ events: ids.map(tick) });
    expect(result.stored).toEqual(ids);
  });

  it('ids made in one millisecond sort in the order they were made (the ledger breaks ties by id)', () => {
    const made = Array.from({ length: 50 }, () => eventIdAt(TEST_NOW));
    expect([...made].sort()).toEqual(made);
  });
});
