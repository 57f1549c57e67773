// @vitest-environment node
/* Enrolling and signing out against a real server: the messages a person sees for each way it can go wrong. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PanelDb, readSyncMeta, writeSyncMeta } from '../../extension/lib/db';
import { enrolDevice, signOut } from '../../extension/lib/enrol';
import { createSyncService } from '../../extension/lib/syncService';
import { sql } from 'drizzle-orm';
import { fakeBrowser } from 'wxt/testing';
import { enrolmentItem } from '../../extension/lib/enrolment';
import { setDutyChecked } from '../../extension/lib/ledger';
import { issueEnrolCode } from '../../server/domain/auth';
import { freePort } from '../support/childServer';
import { TEST_NOW, apiClient, startCountyServer, type CountyServer } from '../support/countyServer';
import { PEOPLE } from '../server/fixtures/smallCounty';
import { freshDb } from './helpers';

let server: CountyServer;
let db: PanelDb;
beforeEach(async () => {
  server = await startCountyServer();
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await server.close();
});

const codeFor = (personId: string, ttl?: number) => issueEnrolCode(server.db, personId, TEST_NOW, ttl);

describe('enrolling this browser', () => {
  it.each([
    ['an address that is not one', () => 'localhost 8787', () => 'ABCD-EFGH', '服务器地址格式不正确，应类似 http://127.0.0.1:8787'],
    ['a wrong code', () => server.url, () => 'ABCD-EFGH', '登记码不正确，请核对后重新输入'],
    ['an expired code', () => server.url, () => codeFor(PEOPLE.staffA.id, -1), '该登记码已过期，请向管理员申请新的登记码'],
    ['no code at all', () => server.url, () => '  ', '请输入登记码'],
  ])('refuses %s with a message saying so', async (_name, url, code, expected) => {
    const actual = await enrolDevice(db, url(), code(), '测试浏览器');
    expect(actual).toEqual({ ok: false, message: expected });
    expect(await enrolmentItem.getValue()).toBeNull();
  });

  it('says when the server cannot be reached', async () => {
    const actual = await enrolDevice(db, `http://127.0.0.1:${await freePort()}`, 'ABCD-EFGH', '测试浏览器');
    expect(actual).toEqual({ ok: false, message: '无法连接服务器，请检查网络或服务器地址' });
  });

  it('stores who this browser belongs to; a used code is refused the second time', async () => {
    const code = codeFor(PEOPLE.staffA.id);
    const actual = await enrolDevice(db, `${server.url}/`, code, '测试浏览器');
    expect(actual.ok).toBe(true);
    expect(await enrolmentItem.getValue()).toMatchObject({ serverUrl: server.url, name: '张伟', role: 'staff', unit: { id: 'u-a', name: '县教育局' } });
    expect(await enrolDevice(db, server.url, code, '测试浏览器')).toEqual({ ok: false, message: '该登记码已被使用，请向管理员申请新的登记码' });
  });

  it('the same person enrolling again keeps unsent records and clears the revoked flag; another person starts empty', async () => {
    await enrolDevice(db, server.url, codeFor(PEOPLE.staffA.id), '测试浏览器');
    await setDutyChecked(db, { personId: PEOPLE.staffA.id, unitId: 'u-a' }, { dutyId: 'd-sweep', periodKey: '2026-11-27' }, true, TEST_NOW);
    await writeSyncMeta(db, { revoked: true });

    await enrolDevice(db, server.url, codeFor(PEOPLE.staffA.id), '测试浏览器');
    expect(await db.outbox.count()).toBe(1);
    expect((await readSyncMeta(db)).revoked).toBe(false);

    await enrolDevice(db, server.url, codeFor(PEOPLE.staffB.id), '测试浏览器');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.dutyChecks.count()).toBe(0);
  });
});

describe('退出登记', () => {
  it('revokes the token on the server and forgets everything here', async () => {
    await enrolDevice(db, server.url, codeFor(PEOPLE.staffA.id), '测试浏览器');
    const { token } = (await enrolmentItem.getValue())!;
    await setDutyChecked(db, { personId: PEOPLE.staffA.id, unitId: 'u-a' }, { dutyId: 'd-sweep', periodKey: '2026-11-27' }, true, TEST_NOW);

    expect(await signOut(db)).toEqual({ ok: true });
    expect(await enrolmentItem.getValue()).toBeNull();
    expect(await db.outbox.count()).toBe(0);
    await expect(apiClient(server.url, token).auth.me.query()).rejects.toMatchObject({ data: { httpStatus: 401 } });
  });

  it('with the server unreachable, keeps everything and says why', async () => {
    await enrolDevice(db, server.url, codeFor(PEOPLE.staffA.id), '测试浏览器');
    await enrolmentItem.setValue({ ...(await enrolmentItem.getValue())!, serverUrl: `http://127.0.0.1:${await freePort()}` });
    expect(await signOut(db)).toEqual({ ok: false, message: '无法连接服务器，请检查网络或服务器地址' });
    expect(await enrolmentItem.getValue()).not.toBeNull();
  });
});

describe('who this browser belongs to, kept as the server has it', () => {
  it('a staff member named a zone’s 片长 after enrolling holds both roles after the next sync, on the same device', async () => {
    await enrolDevice(db, server.url, codeFor(PEOPLE.staffA.id), '测试浏览器');
    const before = (await enrolmentItem.getValue())!;
    expect(before).toMatchObject({ role: 'staff', roles: ['staff'], chiefOf: [] });
    server.db.run(sql`UPDATE zones SET chief_person_id = ${PEOPLE.staffA.id} WHERE id = 'z2'`);
    expect(await createSyncService(db, () => TEST_NOW).sync(true)).toMatchObject({ state: 'done' });
    expect(await enrolmentItem.getValue()).toEqual({ ...before, roles: ['staff', 'zone_chief'], chiefOf: [{ id: 'z2', name: '2号农贸市场片区' }] });
  });
});

describe('an enrolment stored by an earlier version', () => {
  it('reads as holding its one role', async () => {
    await fakeBrowser.storage.local.set({ enrolment: { serverUrl: server.url, token: 't', personId: PEOPLE.chief2.id, name: '陈刚', role: 'zone_chief', deviceId: 'd', unit: null } });
    await enrolmentItem.migrate();
    expect(await enrolmentItem.getValue()).toMatchObject({ role: 'zone_chief', roles: ['zone_chief'], chiefOf: [] });
  });
});
