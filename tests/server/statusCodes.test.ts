/*
 * docs/api.md lists every status code the server answers with. Each is produced here over a real socket, and
 * the set produced must equal the set documented: a new status the docs do not list, or a listed one nothing
 * can produce, fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { issueEnrolCode } from '../../server/domain/auth';
import { PEOPLE } from './fixtures/smallCounty';
import { startCountyServer, type CountyServer } from '../support/countyServer';
import { openSocket, parseAnswer, rawRequest, requestHead } from '../support/rawHttp';

let county: CountyServer;
let staff: Record<string, string>;
beforeAll(async () => {
  county = await startCountyServer({ timeouts: { headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 100 } });
  staff = { authorization: `Bearer ${county.tokenFor(PEOPLE.staffA.id)}` };
});
afterAll(() => county.close());

const documented = () => {
  const section = readFileSync('docs/api.md', 'utf8').split('## Status codes')[1].split('\n## ')[0];
  return new Set([...section.matchAll(/^\| (\d{3}) \|/gm)].map((m) => Number(m[1])));
};
const produced = new Map<number, string>();
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${county.url}${path}`, { headers });
const post = (path: string, body: string, headers: Record<string, string> = {}) => fetch(`${county.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

const CASES: [string, () => Promise<number>][] = [
  ['a health check', async () => (await get('/healthz')).status],
  ['the bare address', async () => (await fetch(`${county.url}/`, { redirect: 'manual' })).status],
  ['a photo upload', async () => (await fetch(`${county.url}/photos`, { method: 'POST', body: JPEG, headers: staff })).status],
  ['a CORS preflight', async () => (await fetch(`${county.url}/trpc/auth.me`, { method: 'OPTIONS', headers: { origin: 'chrome-extension://abcdefghijklmnop' } })).status],
  ['a batch of one good and one malformed call', async () => (await get(`/trpc/auth.me,report.issueHistory?batch=1&input=${input({ 1: { issueId: 'x' } })}`, staff)).status],
  ['malformed input', async () => (await post('/trpc/sync.push', '{"events":"no"}', staff)).status],
  ['no token', async () => (await get('/trpc/auth.me')).status],
  ['the wrong role', async () => (await post('/trpc/supervision.setSettings', JSON.stringify({ deadlineDays: { sanitation: 3 } }), staff)).status],
  ['an unknown route', async () => (await get('/nothing-here')).status],
  ['GET on a mutation', async () => (await get('/trpc/auth.signOut', staff)).status],
  ['a request dripped too slowly', async () => {
    const socket = await openSocket(county.url);
    let raw = '';
    socket.on('data', (d) => (raw += d));
    const text = requestHead('GET', '/trpc/auth.me', { 'x-padding': 'a'.repeat(10_000) });
    let i = 0;
    const timer = setInterval(() => socket.writable && socket.write(text[i++]), 50);
    await new Promise((r) => socket.on('close', r));
    clearInterval(timer);
    return parseAnswer(raw).status;
  }],
  ['a spent enrolment code', async () => {
    const code = issueEnrolCode(county.db, PEOPLE.staffB.id, county.clock.now());
    await post('/trpc/auth.enrol', JSON.stringify({ code, deviceName: '一' }));
    return (await post('/trpc/auth.enrol', JSON.stringify({ code, deviceName: '二' }))).status;
  }],
  ['a body declared over 1 MB', async () => (await rawRequest(county.url, requestHead('POST', '/trpc/sync.push', { ...staff, 'content-type': 'application/json', 'content-length': 2 << 20 }))).status],
  ['a body that is not JSON', async () => (await post('/trpc/sync.push', 'events=1', { ...staff, 'content-type': 'text/plain' })).status],
  ['too many wrong enrolment codes', async () => {
    let status = 0;
    for (let i = 0; i < 12; i++) status = (await post('/trpc/auth.enrol', JSON.stringify({ code: `WRNG-${i}AAA`, deviceName: 'x' }))).status;
    return status;
  }],
  ['a 20 KB URL', async () => (await rawRequest(county.url, requestHead('GET', `/trpc/auth.me?input=${'a'.repeat(20_000)}`))).status],
  // Last: the database goes away under the server.
  ['a procedure when the database is gone', async () => {
    county.db.$client.close();
    return (await get('/trpc/auth.me', staff)).status;
  }],
  ['a health check when the database is gone', async () => (await get('/healthz')).status],
];

describe('every status code in docs/api.md, produced over a real socket', () => {
  it.each(CASES.map(([name, make], i) => [i, name, make] as const))('%i %s', async (_i, name, make) => {
    const status = await make();
    expect(produced.has(status), `${name} answered ${status}, already produced by ${produced.get(status)}`).toBe(false);
    produced.set(status, name);
  });

  it('the statuses produced are exactly the ones documented', () => {
    expect([...produced.keys()].sort()).toEqual([...documented()].sort());
  });
});
