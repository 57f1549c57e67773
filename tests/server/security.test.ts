/*
 * Getting in: enrolment codes are one-time, expire, and cannot be guessed before the rate limit stops the
 * guesser; codes and tokens exist in the database only as hashes. Getting out: CORS answers extension pages
 * and the configured dashboard only, helmet's headers are on every answer, bodies are bounded, and no error
 * carries a stack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { DAY, MINUTE } from '../../shared/calendar';
import { issueEnrolCode, ENROL_CODE_TTL } from '../../server/domain/auth';
import { clientKey, createRateLimiter, MAX_TRACKED_KEYS } from '../../server/rateLimit';
import { PEOPLE } from './fixtures/smallCounty';
import { apiClient, refusal, startCountyServer, type CountyServer } from '../support/countyServer';
import { dumpTables } from '../support/dbFingerprint';

const DASHBOARD = 'https://cw.example.gov.cn';
let county: CountyServer;
beforeAll(async () => {
  county = await startCountyServer({ dashboardOrigin: DASHBOARD });
});
afterAll(() => county.close());

/** Sends `n` wrong codes from this address; returns the messages. */
async function guess(n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await refusal(apiClient(county.url).auth.enrol.mutate({ code: `ZZZZ-ZZ${String(i).padStart(2, '2')}`, deviceName: '猜码' }))).message);
  return out;
}

describe('enrolment codes', () => {
  it('a code works once, and a code past its seven days does not work at all', async () => {
    const code = issueEnrolCode(county.db, PEOPLE.staffA.id, county.clock.now());
    expect((await apiClient(county.url).auth.enrol.mutate({ code, deviceName: '办公室' })).me.name).toBe('张伟');
    expect((await refusal(apiClient(county.url).auth.enrol.mutate({ code, deviceName: '第二台' }))).data?.httpStatus).toBe(409);

    const old = issueEnrolCode(county.db, PEOPLE.staffB.id, county.clock.now() - ENROL_CODE_TTL - MINUTE);
    const expired = await refusal(apiClient(county.url).auth.enrol.mutate({ code: old, deviceName: '过期' }));
    expect([expired.data?.httpStatus, expired.message]).toEqual([409, '该登记码已过期，请向管理员申请新的登记码']);
    expect(ENROL_CODE_TTL).toBe(7 * DAY);
  });

  it('the database holds no code and no token in clear: not in any table, not in the file, not in the WAL', async () => {
    const code = issueEnrolCode(county.db, PEOPLE.command.id, county.clock.now());
    const { token } = await apiClient(county.url).auth.enrol.mutate({ code, deviceName: '指挥部' });
    const bare = code.replace('-', '');
    const dump = JSON.stringify(dumpTables(county.db));
    for (const secret of [token, code, bare]) expect(dump).not.toContain(secret);
    for (const path of [county.file, `${county.file}-wal`]) {
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      for (const secret of [token, bare]) expect(bytes.includes(Buffer.from(secret)), path).toBe(false);
    }
  });

  it('a brute force is cut off after 10 wrong codes in 10 minutes, even if the 11th is right', async () => {
    // A fresh server: its limiter has seen nothing from this address.
    const other = await startCountyServer();
    try {
      const messages: string[] = [];
      for (let i = 0; i < 10; i++) messages.push((await refusal(apiClient(other.url).auth.enrol.mutate({ code: `WRNG-${i}AAA`, deviceName: 'x' }))).message);
      expect(new Set(messages)).toEqual(new Set(['登记码不正确，请核对后重新输入']));
      const right = issueEnrolCode(other.db, PEOPLE.staffA.id, other.clock.now());
      const blocked = await refusal(apiClient(other.url).auth.enrol.mutate({ code: right, deviceName: 'x' }));
      expect([blocked.data?.httpStatus, blocked.message]).toEqual([429, '尝试次数过多，请10分钟后再试']);
      other.clock.advance(10 * MINUTE);
      expect((await apiClient(other.url).auth.enrol.mutate({ code: right, deviceName: 'x' })).me.name).toBe('张伟');
    } finally {
      await other.close();
    }
  });

  it('the numbers: guessing a live code is hopeless', () => {
    const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'.length; // as in server/domain/auth.ts
    const space = alphabet ** 8;
    const guessesPerAddressPerCodeLife = 10 * (ENROL_CODE_TTL / (10 * MINUTE)); // 10 per 10 minutes for 7 days
    const liveCodes = 1000; // a whole county enrolling at once
    const chance = (guessesPerAddressPerCodeLife * liveCodes) / space;
    expect(space).toBe(852_891_037_441);
    expect(guessesPerAddressPerCodeLife).toBe(10_080);
    expect(chance).toBeLessThan(1.2e-5); // about 1 in 85,000 per address, with a thousand codes outstanding
  });

  it('an IPv6 client is limited by its /64, so rotating addresses inside one network gains nothing', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    expect(clientKey('::ffff:10.0.0.7')).toBe('10.0.0.7');
    expect(clientKey('10.0.0.7')).toBe('10.0.0.7');
  });

  it('a flood of addresses does not grow the limiter for ever: expired windows are swept', () => {
    const limiter = createRateLimiter(10, 10 * MINUTE);
    for (let i = 0; i < MAX_TRACKED_KEYS; i++) limiter.fail(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, 0);
    expect(limiter.size()).toBe(MAX_TRACKED_KEYS);
    limiter.fail('192.0.2.1', 10 * MINUTE);
    expect(limiter.size()).toBe(1);
    // A window still running is kept, and still blocks.
    for (let i = 0; i < 10; i++) limiter.fail('198.51.100.7', 10 * MINUTE);
    expect(limiter.blocked('198.51.100.7', 10 * MINUTE + 1)).toBe(true);
  });

  it('after a wrong code, the limiter message appears only on the eleventh try', async () => {
    const other = await startCountyServer();
    const saved = county;
    county = other;
    try {
      const messages = await guess(11);
      expect(messages.slice(0, 10).every((m) => m === '登记码不正确，请核对后重新输入')).toBe(true);
      expect(messages[10]).toBe('尝试次数过多，请10分钟后再试');
    } finally {
      county = saved;
      await other.close();
    }
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${county.url}/trpc/sync.push`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });

  it.each(['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0b5e1e4a-3f6c-4b8e-9a51-6f2f1c7d8e90', DASHBOARD])('allows %s', async (origin) => {
    const res = await preflight(origin);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-headers')).toMatch('authorization');
  });

  it.each(['https://evil.example', 'null', `${DASHBOARD}.evil.example`, 'chrome-extension://abc.evil.example', 'http://cw.example.gov.cn', 'file://'])('gives %s no CORS grant', async (origin) => {
    const res = await preflight(origin);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${county.url}/healthz`, { headers: { origin } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('headers, limits and errors', () => {
  it('helmet headers are on API, photo and health answers', async () => {
    const answers = [await fetch(`${county.url}/healthz`), await fetch(`${county.url}/trpc/auth.me`), await fetch(`${county.url}/photos/x`)];
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch("default-src 'self'");
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toMatch('max-age');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('a tRPC body over 1 MB and a photo over 2 MB are refused with 413 and a Chinese message', async () => {
    const token = county.tokenFor(PEOPLE.staffA.id);
    const big = await fetch(`${county.url}/trpc/sync.push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ events: [{ x: 'a'.repeat(1_100_000) }] }) });
    expect([big.status, await big.json()]).toEqual([413, { error: { message: '提交的内容过大' } }]);
    const photo = Buffer.alloc(2 * 1024 * 1024 + 1, 0);
    photo.set([0xff, 0xd8, 0xff]);
    const up = await fetch(`${county.url}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: photo });
    expect(up.status).toBe(413);
    expect(JSON.stringify(await up.json())).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a batch of more than 20 calls is refused, not run', async () => {
    const token = county.tokenFor(PEOPLE.staffA.id);
    const paths = Array.from({ length: 21 }, () => 'auth.me').join(',');
    const res = await fetch(`${county.url}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('every error answer is a short Chinese message: no stack, no file path, no English exception, even for JSON nested 10,000 deep', async () => {
    const token = county.tokenFor(PEOPLE.staffA.id);
    const auth = { authorization: `Bearer ${token}` };
    const attempts: [string, RequestInit][] = [
      ['/trpc/sync.push', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"events": [' }],
      ['/trpc/sync.push', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"events":[{"id":1}]}' }],
      ['/trpc/sync.pull?input=%7Bbroken', { headers: auth }],
      ['/trpc/no.such', { headers: auth }],
      ['/trpc/sync.push', { method: 'GET', headers: auth }],
      ['/trpc/auth.me', { method: 'POST', headers: auth }],
      ['/photos', { method: 'POST', headers: auth, body: 'not an image' }],
      ['/photos/zzz', { headers: auth }],
      ['/nowhere', {}],
      ['/trpc/sync.push', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"events":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}' }],
    ];
    for (const [path, init] of attempts) {
      const res = await fetch(`${county.url}${path}`, init);
      const text = await res.text();
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(text, path).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts\b|Error:|stack/);
      const body = JSON.parse(text) as { error: { message: string } | { json: { message: string } } };
      expect('message' in body.error ? body.error.message : body.error.json.message, `${path}: ${text.slice(0, 200)}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
