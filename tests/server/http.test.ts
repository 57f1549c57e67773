import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { openDb, type Db } from '../../server/db/open';
import { createApp } from '../../server/app';
import { fixedClock } from '../../server/clock';
import { silentLog } from '../../server/log';
import { issueEnrolCode } from '../../server/domain/auth';
import { duties, gridCells, people, units, zones } from '../../server/db/schema';
import { instantAt } from '../../shared/calendar';
import type { AppRouter } from '../../server/routers/_app';
import { PEOPLE, check } from './fixtures/smallCounty';
import { refusal } from '../support/countyServer';

const now = instantAt('2026-11-27', '10:00');
let dir: string;
let db: Db;
let server: Server;
let url: string;

function client(token?: string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pqt-http-'));
  db = openDb(join(dir, 'county.sqlite'));
  // The same small county as the ledger tests, on a real file this time.
  db.insert(zones).values([{ id: 'z1', number: 1, name: '1号人民广场片区', chiefPersonId: null, leadUnitId: 'u-lead' }]).run();
  db.insert(units).values([{ id: 'u-lead', name: '县住建局', zoneId: 'z1' }, { id: 'u-a', name: '县教育局', zoneId: 'z1' }]).run();
  db.insert(gridCells).values([{ id: 'g-a1', unitId: 'u-a', zoneId: 'z1', name: '人民路东段', personName: '张伟' }]).run();
  db.insert(people).values([PEOPLE.staffA, PEOPLE.deptHead]).run();
  db.insert(duties).values([{ id: 'd-sweep', category: 'sanitation', title: '门前三包区域清扫', cadence: 'daily', dueTime: '09:00', workingDaysOnly: true }]).run();
  const app = createApp({ db, clock: fixedClock(now), log: silentLog, dataDir: dir });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a real server on a real port', () => {
  it('migrations create a WAL-mode SQLite file', () => {
    expect(statSync(join(dir, 'county.sqlite')).size).toBeGreaterThan(0);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('answers /healthz', async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('sends the bare address on to the public page, and still answers an unknown path with a Chinese 404', async () => {
    const bare = await fetch(`${url}/`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([302, '/report']);
    const landed = await fetch(`${url}/`);
    expect([landed.status, landed.url, landed.headers.get('content-type')]).toEqual([200, `${url}/report`, expect.stringMatching(/^text\/html/)]);
    const unknown = await fetch(`${url}/trpc-typo`);
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: { message: '接口不存在' } }]);
  });

  it('enrols a device with a one-time code, then knows who it is', async () => {
    const code = issueEnrolCode(db, PEOPLE.staffA.id, now);
    const { token, me } = await client().auth.enrol.mutate({ code: code.toLowerCase(), deviceName: '办公室电脑' });
    expect(me).toMatchObject({ name: '张伟', role: 'staff', unit: { id: 'u-a', name: '县教育局', zoneName: '1号人民广场片区' } });
    expect(await client(token).auth.me.query()).toMatchObject({ personId: PEOPLE.staffA.id });
    const again = await refusal(client().auth.enrol.mutate({ code, deviceName: '另一台电脑' }));
    expect(again.message).toBe('该登记码已被使用，请向管理员申请新的登记码');
  });

  it('pushes a tick over HTTP and pulls it back', async () => {
    const { token } = await client().auth.enrol.mutate({ code: issueEnrolCode(db, PEOPLE.staffA.id, now), deviceName: '手机' });
    const tick = check('u-a', 'd-sweep', '2026-11-27', instantAt('2026-11-27', '08:50'));
    const pushed = await client(token).sync.push.mutate({ events: [tick] });
    expect(pushed.stored).toEqual([tick.id]);
    const pulled = await client(token).sync.pull.query({ after: 0 });
    expect(pulled.events.map((e) => e.id)).toContain(tick.id);
    const myUnit = await client(token).org.myUnit.query();
    expect(myUnit.unchanged ? [] : myUnit.duties.map((d) => d.title)).toEqual(['门前三包区域清扫']);
    // Asked again with the version it holds, the device gets just the version back.
    expect(await client(token).org.myUnit.query({ known: myUnit.version })).toEqual({ unchanged: true, version: myUnit.version });
  });

  it('refuses calls without a device token, in Chinese', async () => {
    const error = await refusal(client().sync.pull.query({ after: 0 }));
    expect(error.data?.httpStatus).toBe(401);
    expect(error.message).toMatch('本设备未登记');
  });

  it('a signed-out device is refused at once', async () => {
    const { token } = await client().auth.enrol.mutate({ code: issueEnrolCode(db, PEOPLE.staffA.id, now), deviceName: '临时' });
    await client(token).auth.signOut.mutate();
    expect((await refusal(client(token).auth.me.query())).data?.httpStatus).toBe(401);
  });

  it('bad input gets a Chinese message naming the field, and no stack', async () => {
    const { token } = await client().auth.enrol.mutate({ code: issueEnrolCode(db, PEOPLE.staffA.id, now), deviceName: '平板' });
    const error = await refusal(client(token).sync.push.mutate({ events: [] }));
    expect(error.data?.httpStatus).toBe(400);
    expect(error.message).toBe('输入有误（events）：没有要上传的记录');
    expect(JSON.stringify(error.shape)).not.toMatch(/at .*\.ts/);
  });

  it('a body over the size limit is refused with a short Chinese message', async () => {
    const res = await fetch(`${url}/trpc/sync.push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'a'.repeat(2_000_000) }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { message: '提交的内容过大' } });
  });

  it('guessing codes is cut off by the rate limit', async () => {
    const results: string[] = [];
    for (let i = 0; i < 12; i++) results.push((await refusal(client().auth.enrol.mutate({ code: `WRONG${i}`, deviceName: 'x' }))).message);
    expect(results.at(-1)).toBe('尝试次数过多，请10分钟后再试');
  });
});
