/*
 * The dashboard's overview in one request, and the change version an open dashboard polls to follow new ticks
 * without 刷新: over the real HTTP server on the small county.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mulberry32, uuidv7At } from '../../server/seed/random';
import { recentRange, todayRange, weekRange } from '../../shared/reportRanges';
import { TEST_NOW, apiClient, startCountyServer, type CountyServer } from '../support/countyServer';
import { PEOPLE } from './fixtures/smallCounty';

let county: CountyServer;
beforeEach(async () => {
  county = await startCountyServer();
});
afterEach(() => county.close());

const rng = mulberry32(15);
// Ids made at the server's (fixed) time: an id is a UUIDv7 whose time must be plausible.
const tick = (token: string, unitId: string, dutyId: string) =>
  apiClient(county.url, token).sync.push.mutate({
    events: [{ id: uuidv7At(TEST_NOW, rng), unitId, clientTime: TEST_NOW, kind: 'duty.checked', payload: { dutyId, periodKey: '2026-11-27' } }],
  });

describe('the dashboard overview', () => {
  it('is the same as asking for today, this week and the last 30 days one by one', async () => {
    const api = apiClient(county.url, county.tokenFor(PEOPLE.command.id));
    const overview = await api.report.overview.query({ scope: 'mine' });
    const [today, week, recent, issues] = await Promise.all([
      api.report.completion.query({ scope: 'mine', ...todayRange(TEST_NOW) }),
      api.report.completion.query({ scope: 'mine', ...weekRange(TEST_NOW) }),
      api.report.completion.query({ scope: 'mine', ...recentRange(TEST_NOW) }),
      api.report.issues.query({ scope: 'mine', ...recentRange(TEST_NOW) }),
    ]);
    expect(overview.ranges).toEqual({ today: todayRange(TEST_NOW), week: weekRange(TEST_NOW), recent: recentRange(TEST_NOW) });
    expect({ today: overview.today, week: overview.week, recent: overview.recent, issues: overview.issues }).toEqual({ today, week, recent, issues });
  });

  it('its version changes when a unit in the caller’s scope ticks, and not for a unit outside it', async () => {
    const head = apiClient(county.url, county.tokenFor(PEOPLE.headA.id));
    const command = apiClient(county.url, county.tokenFor(PEOPLE.command.id));
    const before = { head: (await head.report.version.query({ scope: 'mine' })).version, command: (await command.report.version.query({ scope: 'mine' })).version };
    expect((await head.report.overview.query({ scope: 'mine' })).version).toBe(before.head);

    await tick(county.tokenFor(PEOPLE.staffB.id), 'u-b', 'd-bins');
    expect((await head.report.version.query({ scope: 'mine' })).version).toBe(before.head); // 县教育局 is not theirs
    expect((await command.report.version.query({ scope: 'mine' })).version).not.toBe(before.command);

    await tick(county.tokenFor(PEOPLE.staffA.id), 'u-a', 'd-bins');
    const after = (await head.report.version.query({ scope: 'mine' })).version;
    expect(after).not.toBe(before.head);
    expect((await head.report.overview.query({ scope: 'mine' })).version).toBe(after);
  });

  it('its version moves with the minute, when an item may turn 已超时 without any event', async () => {
    const api = apiClient(county.url, county.tokenFor(PEOPLE.headA.id));
    const first = (await api.report.version.query({ scope: 'mine' })).version;
    county.clock.set(TEST_NOW + 60_000);
    expect((await api.report.version.query({ scope: 'mine' })).version).not.toBe(first);
  });
});
