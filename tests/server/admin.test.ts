/*
 * The command center's administration over real HTTP: an upload is previewed without a write and then imported
 * whole; codes come back as slips and enrol; devices are listed and revoked. Phone numbers reach the command
 * center and the unit's heads only: not staff, not other units, not the ledger anyone pulls, not the exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { people, zones } from '../../server/db/schema';
import { enrolDevice } from '../../server/domain/auth';
import { fingerprint } from '../support/dbFingerprint';
import { PEOPLE } from './fixtures/smallCounty';
import { apiClient, refusal, startCountyServer, type Api, type CountyServer } from '../support/countyServer';

let county: CountyServer;
let command: Api;
const upload = (name: string, bytes = readFileSync(`tests/fixtures/county/${name}`)) => ({ fileName: name, base64: bytes.toString('base64') });
/** The caller's unit in full (a first call, so never the "unchanged" answer). */
async function myUnit(api: Api) {
  const answer = await api.org.myUnit.query();
  if (answer.unchanged) throw new Error('a first call answered "unchanged"');
  return answer;
}
const PHONES = { [PEOPLE.staffA.id]: '13900001111', [PEOPLE.headA.id]: '13900002222', [PEOPLE.staffB.id]: '13900003333' };

beforeAll(async () => {
  county = await startCountyServer();
  for (const [id, phone] of Object.entries(PHONES)) county.db.update(people).set({ phone }).where(eq(people.id, id)).run();
  command = apiClient(county.url, county.tokenFor(PEOPLE.command.id));
  // A device's first call records when it was last seen: made here, so fingerprints below see only the import.
  await command.auth.me.query();
});
afterAll(() => county.close());

describe('roster upload', () => {
  it('a preview writes nothing; the import then writes what the preview showed', async () => {
    const before = fingerprint(county.db);
    const preview = await command.admin.previewImport.mutate(upload('南关北门补充名单-GBK.csv'));
    expect(preview).toMatchObject({ ok: true, written: false, unknownColumns: [] });
    expect(preview.ok && preview.preview.encoding).toBe('GB18030');
    expect(fingerprint(county.db)).toBe(before);
    const done = await command.admin.importRoster.mutate(upload('南关北门补充名单-GBK.csv'));
    expect(done).toMatchObject({ ok: true, written: true });
    expect(done.ok && done.preview.changes).toEqual(preview.ok && preview.preview.changes);
    expect(county.db.select().from(zones).all().map((z) => z.number).sort()).toEqual([1, 2, 20, 21]);
  });

  it('an unknown column is named with the fields it may map to, and the mapped file imports', async () => {
    const text = '片区编号,片区名称,责任单位,网格,网格长,分管领导\n30,30号西关片区,县气象局,西关路,何平,周明\n';
    const first = await command.admin.previewImport.mutate(upload('西关.csv', Buffer.from(text)));
    expect(first.ok).toBe(false);
    expect(first.unknownColumns).toEqual(['分管领导']);
    expect(first.fields).toContain('单位负责人');
    const mapped = await command.admin.importRoster.mutate({ ...upload('西关.csv', Buffer.from(text)), map: { 分管领导: '单位负责人' } });
    expect(mapped.ok).toBe(true);
  });

  it('a file that is no roster at all is a Chinese 400 and changes nothing', async () => {
    const before = fingerprint(county.db);
    const e = await refusal(command.admin.importRoster.mutate(upload('x.csv', Buffer.from('a,b\n1,2\n'))));
    expect(e.data?.httpStatus).toBe(400);
    expect(e.message).toMatch(/无法识别“x.csv”的表头/);
    expect(fingerprint(county.db)).toBe(before);
  });
});

describe('codes, devices and revoking', () => {
  it('codes for a unit go to its people without a device, and one of them enrols; the device can be revoked', async () => {
    const slips = await command.admin.issueCodes.mutate({ target: { unit: 'u-b' }, days: 3 });
    expect(slips.map((s) => [s.name, s.unitName])).toEqual([[PEOPLE.staffB.name, '县市场监管局']]);
    expect(slips[0].expiresAt - county.clock.now()).toBe(3 * 86_400_000);
    const enrolled = await apiClient(county.url).auth.enrol.mutate({ code: slips[0].code, deviceName: '市场监管局电脑' });
    const listed = (await command.admin.devices.query()).find((d) => d.name === '市场监管局电脑')!;
    expect(listed).toMatchObject({ personName: PEOPLE.staffB.name, unitName: '县市场监管局', revokedAt: null });
    // Enrolled now: a second sheet for the unit has no one left on it.
    expect(await command.admin.issueCodes.mutate({ target: { unit: 'u-b' } })).toEqual([]);

    await command.admin.revokeDevice.mutate({ deviceId: listed.id });
    const e = await refusal(apiClient(county.url, enrolled.token).auth.me.query());
    expect(e.data?.httpStatus).toBe(401);
    expect((await refusal(command.admin.revokeDevice.mutate({ deviceId: listed.id }))).message).toBe('该设备不存在或已注销');
  });

  it('codes for everyone not yet enrolled, and a missing person is a 404', async () => {
    const slips = await command.admin.issueCodes.mutate({ target: { everyone: true } });
    const withDevice = new Set((await command.admin.people.query()).filter((p) => p.activeDevices > 0).map((p) => p.id));
    expect(slips.length).toBeGreaterThan(0);
    expect(slips.some((s) => withDevice.has(s.personId))).toBe(false);
    const code = slips.find((s) => s.personId === PEOPLE.inspector.id)!.code;
    expect(enrolDevice(county.db, code, '督查组电脑', county.clock.now()).ok).toBe(true);
    expect((await refusal(command.admin.issueCodes.mutate({ target: { person: 'p-nobody' } }))).data?.httpStatus).toBe(404);
  });
});

describe('phone numbers', () => {
  const allText = async (api: Api) => {
    const pulled = await api.sync.pull.query({ after: 0, limit: 1000 });
    const csv = await api.export.csv.query({ from: '2026-11-23', to: '2026-11-27', scope: 'mine' }).catch(() => null);
    return JSON.stringify([pulled, csv]);
  };

  it('the command center and the unit head see them; staff and other units do not; pulls and exports never carry them', async () => {
    expect((await command.admin.people.query()).find((p) => p.id === PEOPLE.staffA.id)?.phone).toBe(PHONES[PEOPLE.staffA.id]);
    const head = apiClient(county.url, county.tokenFor(PEOPLE.headA.id));
    const staff = apiClient(county.url, county.tokenFor(PEOPLE.staffA.id));
    const ofHead = await myUnit(head);
    expect(ofHead.members.find((m) => m.id === PEOPLE.staffA.id)?.phone).toBe(PHONES[PEOPLE.staffA.id]);
    const ofStaff = await myUnit(staff);
    expect(ofStaff.members.every((m) => m.phone === null)).toBe(true);
    for (const api of [command, head, staff]) {
      const text = await allText(api);
      for (const phone of Object.values(PHONES)) expect(text).not.toContain(phone);
    }
    expect(JSON.stringify(ofHead)).not.toContain(PHONES[PEOPLE.staffB.id]);
  });
});

describe('the duty list per unit, on screen', () => {
  it('an item can be given to some units only, and back to every unit; nonsense is refused', async () => {
    const unitsOf = async () => (await command.org.duties.query()).find((d) => d.id === 'd-bins')!.unitIds;
    await command.admin.setDutyUnits.mutate({ dutyId: 'd-bins', unitIds: ['u-a', 'u-b'] });
    expect((await unitsOf()).sort()).toEqual(['u-a', 'u-b']);
    const staffB = apiClient(county.url, county.tokenFor(PEOPLE.staffB.id));
    expect((await myUnit(staffB)).duties.map((d) => d.id)).toContain('d-bins');
    await command.admin.setDutyUnits.mutate({ dutyId: 'd-bins', unitIds: ['u-a'] });
    expect((await myUnit(staffB)).duties.map((d) => d.id)).not.toContain('d-bins');
    // Every unit ticked is stored as "all units", so a unit added later has the item too.
    const all = (await command.org.scope.query()).units.map((u) => u.id);
    await command.admin.setDutyUnits.mutate({ dutyId: 'd-bins', unitIds: all });
    expect(await unitsOf()).toEqual([]);
    const before = fingerprint(county.db);
    expect((await refusal(command.admin.setDutyUnits.mutate({ dutyId: 'd-bins', unitIds: [] }))).message).toBe('至少要有一个单位做这项工作');
    expect((await refusal(command.admin.setDutyUnits.mutate({ dutyId: 'd-bins', unitIds: ['u-nowhere'] }))).data?.httpStatus).toBe(400);
    expect((await refusal(command.admin.setDutyUnits.mutate({ dutyId: 'd-none', unitIds: ['u-a'] }))).data?.httpStatus).toBe(400);
    expect(fingerprint(county.db)).toBe(before);
  });
});
