/*
 * Organisation and settings changes are ledger events with who and when: settings saved on a page and a device
 * signing out, through the real server; the admin CLI's import, codes and revoke are covered in cli.test.ts.
 * Admin events reach the command center's pull and nobody else's, and no device can push one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, refusal, startCountyServer, type CountyServer } from '../support/countyServer';
import { PEOPLE, check } from './fixtures/smallCounty';
import { ADMIN_EVENT_UNIT, type StoredEvent } from '../../shared/schemas/events';
import { dateKeyOf } from '../../shared/calendar';

let county: CountyServer;

beforeAll(async () => {
  county = await startCountyServer();
});
afterAll(() => county.close());

async function pullAll(token: string): Promise<StoredEvent[]> {
  const api = apiClient(county.url, token);
  const all: StoredEvent[] = [];
  for (let after = 0; ; ) {
    const page = await api.sync.pull.query({ after });
    all.push(...page.events);
    if (!page.more) return all;
    after = page.cursor;
  }
}

const adminKinds = (events: StoredEvent[]) => events.filter((e) => e.unitId === ADMIN_EVENT_UNIT).map((e) => e.kind);

describe('admin events', () => {
  it('settings saved on a page are recorded with the person, their device and the time', async () => {
    const token = county.tokenFor(PEOPLE.command.id, '指挥部电脑');
    const api = apiClient(county.url, token);
    const { deviceId } = await api.auth.me.query();
    await api.supervision.setSettings.mutate({ deadlineDays: { sanitation: 2 }, inspectionEveryDays: 4 });

    const recorded = (await pullAll(token)).filter((e) => e.kind === 'settings.changed');
    expect(recorded).toHaveLength(2);
    for (const e of recorded) expect(e).toMatchObject({ actorId: PEOPLE.command.id, deviceId, effectiveAt: county.clock.now(), unitId: ADMIN_EVENT_UNIT });
    expect(recorded.map((e) => e.payload)).toEqual([
      { key: 'deadlineDays', value: expect.objectContaining({ sanitation: 2 }) },
      { key: 'supervision', value: expect.objectContaining({ inspectionEveryDays: 4 }) },
    ]);
  });

  it('a device signing out leaves a device.revoked event naming it and its person', async () => {
    const token = county.tokenFor(PEOPLE.staffA.id, '要注销的电脑');
    const api = apiClient(county.url, token);
    const { deviceId } = await api.auth.me.query();
    await api.auth.signOut.mutate();
    const revoked = (await pullAll(county.tokenFor(PEOPLE.command.id))).filter((e) => e.kind === 'device.revoked');
    expect(revoked.map((e) => ({ actorId: e.actorId, payload: e.payload }))).toContainEqual({
      actorId: PEOPLE.staffA.id,
      payload: { deviceId, personId: PEOPLE.staffA.id, reason: 'signedOut' },
    });
  });

  it('the administration page records codes, revocations and duty units with the command center person', async () => {
    const token = county.tokenFor(PEOPLE.command.id, '指挥部管理电脑');
    const api = apiClient(county.url, token);
    const victim = apiClient(county.url, county.tokenFor(PEOPLE.staffB.id));
    const { deviceId: victimDevice } = await victim.auth.me.query();
    await api.admin.issueCodes.mutate({ target: { person: PEOPLE.headA.id }, days: 7 });
    await api.admin.revokeDevice.mutate({ deviceId: victimDevice });
    await api.admin.setDutyUnits.mutate({ dutyId: 'd-corner', unitIds: ['u-a'] });
    const mine = (await pullAll(token)).filter((e) => e.actorId === PEOPLE.command.id && ['enrolCode.issued', 'device.revoked', 'dutyUnits.changed'].includes(e.kind));
    expect(mine.map((e) => [e.kind, e.payload])).toEqual([
      ['enrolCode.issued', { personId: PEOPLE.headA.id, expiresAt: county.clock.now() + 7 * 86_400_000 }],
      ['device.revoked', { deviceId: victimDevice, personId: PEOPLE.staffB.id, reason: 'revoked' }],
      ['dutyUnits.changed', { dutyId: 'd-corner', unitIds: ['u-a'], effectiveFrom: dateKeyOf(county.clock.now()) }],
    ]);
  });

  it('only the command center pulls admin events; units, zone chiefs and inspectors never see them', async () => {
    const staffToken = county.tokenFor(PEOPLE.staffA.id);
    // Something of their own to pull, so an empty answer is not the whole story.
    await apiClient(county.url, staffToken).sync.push.mutate({ events: [check('u-a', 'd-bins', '2026-11-27', county.clock.now())] });
    expect(adminKinds(await pullAll(county.tokenFor(PEOPLE.command.id)))).toEqual(expect.arrayContaining(['settings.changed', 'device.revoked']));
    for (const person of [PEOPLE.staffA, PEOPLE.deptHead, PEOPLE.chief2, PEOPLE.inspector]) {
      const events = await pullAll(county.tokenFor(person.id));
      expect(adminKinds(events), person.name).toEqual([]);
      expect(events.some((e) => e.kind.startsWith('settings.') || e.kind.startsWith('device.')), person.name).toBe(false);
    }
    expect((await pullAll(staffToken)).map((e) => e.kind)).toContain('duty.checked');
  });

  it('no device can push an admin event: the kind is refused and nothing is stored', async () => {
    const api = apiClient(county.url, county.tokenFor(PEOPLE.command.id));
    const before = (await pullAll(county.tokenFor(PEOPLE.command.id))).length;
    const forged = { ...check('u-a', 'd-bins', '2026-11-27', county.clock.now()), kind: 'settings.changed', payload: { key: 'deadlineDays', value: {} } };
    const error = await refusal(api.sync.push.mutate({ events: [forged as never] }));
    expect(error.message).toContain('事件类型无效');
    expect((await pullAll(county.tokenFor(PEOPLE.command.id))).length).toBe(before);
  });
});
