/*
 * server/directCalls.ts serves sync.push, sync.pull and report.completion sent alone without tRPC's fetch
 * adapter. Each call here goes once alone (the direct path) and once as a batch of one (always the adapter), and
 * the two answers must be the same: status, content type, vary, and the body (the batch's one element). The
 * adapter streams its body (chunked) and the direct path sends it whole (Content-Length), which tells which path
 * answered: a direct path that quietly passed everything on would fail here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, check } from './fixtures/smallCounty';
import { startCountyServer, TEST_NOW, type CountyServer } from '../support/countyServer';

let county: CountyServer;
let staff: Record<string, string>;
let command: Record<string, string>;
beforeAll(async () => {
  county = await startCountyServer();
  staff = { authorization: `Bearer ${county.tokenFor(PEOPLE.staffA.id)}` };
  command = { authorization: `Bearer ${county.tokenFor(PEOPLE.command.id)}` };
});
afterAll(() => county.close());

interface Answer {
  status: number;
  headers: { type: string | null; vary: string | null; length: string | null; chunked: boolean };
  body: unknown;
}

async function answer(res: Response): Promise<Answer> {
  const headers = { type: res.headers.get('content-type'), vary: res.headers.get('vary'), length: res.headers.get('content-length'), chunked: res.headers.get('transfer-encoding') === 'chunked' };
  return { status: res.status, headers, body: await res.json() };
}

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** The query alone and as a batch of one. */
async function query(path: string, input: unknown, headers: Record<string, string> = {}) {
  const alone = await answer(await fetch(`${county.url}/trpc/${path}?input=${q(input)}`, { headers }));
  const batched = await answer(await fetch(`${county.url}/trpc/${path}?batch=1&input=${q({ 0: input })}`, { headers }));
  return { alone, batched };
}

/** The mutation alone and as a batch of one (`second`: the batch's input, when the first call changed what the same input does). */
async function mutation(path: string, input: unknown, headers: Record<string, string> = {}, second = input) {
  const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const alone = await answer(await post(`${county.url}/trpc/${path}`, input));
  const batched = await answer(await post(`${county.url}/trpc/${path}?batch=1`, { 0: second }));
  return { alone, batched };
}

function expectSame({ alone, batched }: { alone: Answer; batched: Answer }, status: number): void {
  // Which path answered: whole with a length (direct), or streamed (the adapter).
  expect([alone.headers.length !== null, alone.headers.chunked]).toEqual([true, false]);
  expect(batched.headers.chunked).toBe(true);
  expect(alone.status).toBe(status);
  expect(batched.status).toBe(status);
  expect({ type: alone.headers.type, vary: alone.headers.vary }).toEqual({ type: batched.headers.type, vary: batched.headers.vary });
  expect([alone.body]).toEqual(batched.body);
}

describe('sync.pull alone', () => {
  it('answers a page as the adapter does', async () => {
    const ticks = [check('u-a', 'd-sweep', '2026-11-25', TEST_NOW - 90_000), check('u-a', 'd-bins', '2026-11-25', TEST_NOW - 80_000)];
    await mutation('sync.push', { events: ticks }, staff, { events: ticks });
    const got = await query('sync.pull', { after: 0, limit: 1 }, staff);
    expectSame(got, 200);
    expect((got.alone.body as { result: { data: { events: { id: string }[]; more: boolean } } }).result.data).toMatchObject({ events: [{ id: ticks[0].id }], more: true });
  });

  it('refuses a call without a token, and bad input with its field errors, as the adapter does', async () => {
    expectSame(await query('sync.pull', { after: 0 }), 401);
    const bad = await query('sync.pull', { after: -1, limit: 'x' }, staff);
    expectSame(bad, 400);
    expect((bad.alone.body as { error: { data: { fieldErrors: Record<string, unknown> } } }).error.data.fieldErrors).toHaveProperty('limit');
  });
});

describe('sync.push alone', () => {
  const today = '2026-11-27';

  it('stores, then acknowledges a resend, as the adapter does', async () => {
    const first = check('u-a', 'd-sweep', today, TEST_NOW - 60_000);
    const second = check('u-a', 'd-bins', today, TEST_NOW - 50_000);
    const stored = await mutation('sync.push', { events: [first] }, staff, { events: [second] });
    expect([stored.alone.status, stored.batched.status]).toEqual([200, 200]);
    expect(stored.alone.body).toEqual({ result: { data: { stored: [first.id], duplicates: [], serverTime: TEST_NOW } } });
    expect(stored.batched.body).toEqual([{ result: { data: { stored: [second.id], duplicates: [], serverTime: TEST_NOW } } }]);
    expectSame(await mutation('sync.push', { events: [first] }, staff), 200);
  });

  it('refuses malformed input, another unit, and an id stored with other content, as the adapter does', async () => {
    expectSame(await mutation('sync.push', { events: 'no' }, staff), 400);
    expectSame(await mutation('sync.push', { events: [check('u-b', 'd-sweep', today, TEST_NOW - 40_000)] }, staff), 403);
    const tick = check('u-a', 'd-sweep', '2026-11-26', TEST_NOW - 30_000);
    await mutation('sync.push', { events: [tick] }, staff);
    const clash = await mutation('sync.push', { events: [{ ...tick, payload: { ...tick.payload, dutyId: 'd-bins' } }] }, staff);
    expectSame(clash, 409);
    expect((clash.alone.body as { error: { message: string } }).error.message).toMatch(/^第1条记录未被接受：记录编号已被占用/);
  });
});

describe('report.completion alone', () => {
  it('answers and refuses as the adapter does', async () => {
    expectSame(await query('report.completion', { scope: 'county', from: '2026-11-23', to: '2026-11-27' }, command), 200);
    expectSame(await query('report.completion', { scope: 'county', from: '2026-11-27', to: 'soon' }, command), 400);
  });
});

describe('left to the adapter', () => {
  it('another method, HEAD, unreadable input and another procedure', async () => {
    const viaAdapter = async (res: Response) => ({ status: res.status, chunked: res.headers.get('transfer-encoding') === 'chunked' || res.status === 204 });
    expect(await viaAdapter(await fetch(`${county.url}/trpc/sync.push`, { headers: staff }))).toEqual({ status: 405, chunked: true });
    expect(await viaAdapter(await fetch(`${county.url}/trpc/sync.pull?input=${q({ after: 0 })}`, { method: 'HEAD', headers: staff }))).toEqual({ status: 204, chunked: true });
    expect(await viaAdapter(await fetch(`${county.url}/trpc/sync.pull?input=%7B`, { headers: staff }))).toEqual({ status: 400, chunked: true });
    expect(await viaAdapter(await fetch(`${county.url}/trpc/auth.me`, { headers: staff }))).toEqual({ status: 200, chunked: true });
  });
});
