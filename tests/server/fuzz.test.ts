/*
 * Hostile input at every procedure, over real HTTP. Malformed, oversized and wrongly typed input, Unicode
 * oddities, SQL-looking text, out-of-range dates, NaN and Infinity, deep nesting and prototype-pollution keys:
 * every answer is a 4xx tRPC error with a Chinese message (or, for a procedure that takes no input, its usual
 * answer), never a 5xx, never a stack; and the database is unchanged, table by table and row by row.
 * Procedures come from appRouter, so a new one is fuzzed without a line added here.
 */
import { DEFAULT_RUBRIC } from '../../shared/assessment/rubric';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { appRouter } from '../../server/routers/_app';
import { events } from '../../server/db/schema';
import { PEOPLE } from './fixtures/smallCounty';
import { apiClient, startCountyServer, TEST_NOW, type CountyServer } from '../support/countyServer';
import { fingerprint } from '../support/dbFingerprint';
import { hostileJson, hostileString, hostileValue, mutateOneLeaf, NASTY_TEXT } from '../support/hostile';
import { reportedPayload } from '../support/issueStates';
import { eventIdAt } from '../../shared/eventId';

const HAN = /[\u4e00-\u9fff]/;
const STACK = /\bat .+:\d+:\d+|node_modules|\.ts\b|Error:|stack/;
/** Signing out acts on the caller whatever the input; it has its own rows in the authorization matrix. */
const ACTS_WITHOUT_INPUT = new Set(['auth.signOut']);
const NUM_RUNS = 30;
/** Query input travels in the URL; Node refuses request heads over 16 KB (431, no body) before our code runs. */
const QUERY_MAX = 12_000;
const fitUrl = (raw: string) => {
  let s = raw;
  while (encodeURIComponent(s).length > QUERY_MAX) s = s.slice(0, Math.floor(s.length * 0.7));
  return s;
};

let county: CountyServer;
let tried = 0;
const tokens: Record<string, string> = {};
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);

beforeAll(async () => {
  county = await startCountyServer();
  tokens.staff = county.tokenFor(PEOPLE.staffA.id);
  tokens.command = county.tokenFor(PEOPLE.command.id);
  // One call each first: a device's "last seen" is written once a minute, and this clock stands still.
  for (const t of Object.values(tokens)) await apiClient(county.url, t).auth.me.query();
});
afterAll(async () => {
  console.log('fuzz', JSON.stringify({ procedures: procedures.length, inputsTried: tried }));
  await county.close();
});

type Procedure = { _def: { type: string; inputs: { safeParse(v: unknown): { success: boolean } }[] } };

interface Answer {
  status: number;
  text: string;
}

async function send(path: string, type: string, raw: string | Buffer, who: 'staff' | 'command' | 'anon'): Promise<Answer> {
  const headers: Record<string, string> = who === 'anon' ? {} : { authorization: `Bearer ${tokens[who]}` };
  const res =
    type === 'query'
      ? await fetch(`${county.url}/trpc/${path}?input=${encodeURIComponent(raw.toString())}`, { headers })
      : await fetch(`${county.url}/trpc/${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: typeof raw === 'string' ? raw : new Uint8Array(raw) });
  return { status: res.status, text: await res.text() };
}

/** Whether the procedure's own input schema takes this request text: only then may the server act on it. */
function schemaAccepts(procedure: Procedure, raw: string | Buffer): boolean {
  if (!procedure._def.inputs.length) return true; // takes no input: whatever is sent is ignored
  let value: unknown;
  try {
    value = raw.length ? JSON.parse(raw.toString()) : {};
  } catch {
    return false;
  }
  return procedure._def.inputs.every((schema) => schema.safeParse(value).success);
}

/**
 * The one rule every answer must follow: never a 5xx, never a stack; a refusal is a 4xx with a Chinese message
 * and leaves the database exactly as it was; an acceptance only for input the procedure's schema allows.
 */
function expectSafe(answer: Answer, procedure: Procedure, raw: string | Buffer, before: string): string {
  tried++;
  expect(answer.status).toBeLessThan(500);
  expect(answer.text).not.toMatch(STACK);
  if (answer.status === 200) {
    expect(schemaAccepts(procedure, raw), `accepted hostile input: ${answer.text.slice(0, 200)}`).toBe(true);
    return fingerprint(county.db); // a valid call may act (a command setting a setting): the new baseline
  }
  expect(answer.status).toBeGreaterThanOrEqual(400);
  const body = JSON.parse(answer.text) as { error?: { message?: string; json?: { message?: string } } };
  const message = body.error?.message ?? body.error?.json?.message ?? '';
  expect(message, answer.text.slice(0, 300)).toMatch(HAN);
  expect(fingerprint(county.db), 'a refused call changed the database').toBe(before);
  return before;
}

// Valid inputs that the server still refuses at the very end (a tick for a period not yet open, a complaint
// from staff), so one hostile leaf anywhere in them must be refused without a side effect.
const TEMPLATES: Record<string, unknown> = {
  'sync.push': {
    events: [
      { id: eventIdAt(TEST_NOW), unitId: 'u-a', clientTime: TEST_NOW, kind: 'duty.checked', payload: { dutyId: 'd-bins', periodKey: '2026-12-25' } },
      { id: eventIdAt(TEST_NOW), unitId: 'u-a', clientTime: TEST_NOW, kind: 'issue.reported', payload: reportedPayload('u-a', 'complaint', '0190f0e0-0000-7000-8000-000000000003') },
    ],
  },
  'sync.pull': { after: 0, limit: 10 },
  'auth.enrol': { code: 'ZZZZ-ZZZZ', deviceName: '办公室电脑' },
  // A complaint whose issue names zone 1 but goes to a zone-2 unit: refused after every check of its fields.
  'supervision.logComplaint': {
    issue: { issueId: '0190f0e0-0000-7000-8000-000000000004', category: 'sanitation', zoneId: 'z1', gridCellId: null, place: '人民路', description: '污水外溢', photoIds: [] },
    unitId: 'u-b',
    clientTime: TEST_NOW,
    contact: { name: '王先生', phone: '13800001234' },
  },
  // The public page's procedures and the intake: each refused at its end (a zone, a code, a report that does not exist).
  'publicReport.submit': { kind: 'problem', category: 'other', zoneId: 'z-nowhere', place: '人民路', description: '垃圾桶满溢很久了', photoIds: [], name: '王女士', phone: '13900005678', website: '' },
  'publicReport.follow': { code: 'ABCD-EFGH-JKMN' },
  'publicReport.answer': { code: 'ABCD-EFGH-JKMN', answer: 'dissatisfied', comment: '还是很脏' },
  'intake.accept': { reportId: '0190f0e0-0000-7000-8000-000000000005', category: 'sanitation', zoneId: 'z1', unitId: 'u-a', gridCellId: null, place: '人民路', description: '垃圾满溢', publishPhotos: true },
  'intake.reject': { reportId: '0190f0e0-0000-7000-8000-000000000005', reason: '不在建成区' },
  'intake.publishPhotos': { reportId: '0190f0e0-0000-7000-8000-000000000005', published: true },
  'intake.followUpCall': { issueId: '0190f0e0-0000-7000-8000-000000000006', answer: 'basically', comment: '' },
  'intake.review': { answerId: '0190f0e0-0000-7000-8000-000000000007', outcome: 'reissued', note: '重新交办' },
  'supervision.setSettings': { deadlineDays: { sanitation: 3 }, deadlineCounting: { sanitation: 'working' }, recheckAfterDays: 7 },
  'supervision.similarOpen': { category: 'sanitation', zoneId: 'z1', gridCellId: null, place: '人民路' },
  'report.completion': { scope: { zoneId: 'z1' }, from: '2026-11-01', to: '2026-11-27' },
  'report.issueList': { zoneId: 'z1', category: 'sanitation', state: 'assigned', overdue: true, limit: 10 },
  'report.unitDay': { unitId: 'u-a', date: '2026-11-27' },
  // A whole rubric, effective from a day already past: refused after every field is checked.
  'assessment.setRubric': { effectiveFrom: '2026-11-01', rubric: DEFAULT_RUBRIC },
  'assessment.unit': { unitId: 'u-b', period: 'month', date: '2026-11-27' },
  // A roster with bad rows (refused whole) and codes for nobody (404).
  'admin.importRoster': { fileName: '名单.csv', base64: readFileSync('tests/fixtures/roster-bad.csv').toString('base64'), map: {} },
  'admin.issueCodes': { target: { person: 'p-nobody' }, days: 7 },
};

describe('hostile input at every procedure', () => {
  it.each(procedures.filter(([path]) => !ACTS_WITHOUT_INPUT.has(path)))('%s refuses hostile input and changes nothing', async (path, procedure) => {
    let baseline = fingerprint(county.db);
    const who = fc.constantFrom('staff', 'command', 'anon') as fc.Arbitrary<'staff' | 'command' | 'anon'>;
    const query = procedure._def.type === 'query';
    await fc.assert(
      fc.asyncProperty(hostileJson, who, async (generated, caller) => {
        const raw = query ? fitUrl(generated) : generated;
        baseline = expectSafe(await send(path, procedure._def.type, raw, caller), procedure, raw, baseline);
      }),
      { numRuns: NUM_RUNS, seed: 42 },
    );
    const template = TEMPLATES[path];
    if (template) {
      await fc.assert(
        fc.asyncProperty(mutateOneLeaf(template, hostileValue), who, async (input, caller) => {
          const raw = query ? fitUrl(JSON.stringify(input)) : JSON.stringify(input);
          baseline = expectSafe(await send(path, procedure._def.type, raw, caller), procedure, raw, baseline);
        }),
        { numRuns: NUM_RUNS, seed: 7 },
      );
    }
  });

  it('refuses a body that is not JSON at all, or not UTF-8, in Chinese', async () => {
    const push = procedures.find(([path]) => path === 'sync.push')![1];
    const before = fingerprint(county.db);
    for (const raw of ['NaN', 'Infinity', '{"events":', '\u0000', Buffer.from([0xff, 0xfe, 0x00, 0x7b]), '[]'.repeat(10), '{"events": [NaN]}']) {
      expectSafe(await send('sync.push', 'mutation', raw, 'staff'), push, raw, before);
    }
  });
});

describe('hostile bytes at the public page’s own routes', () => {
  it('POST /report/photos and GET /report/photos/:id answer anything with a Chinese 4xx, and store no non-image', async () => {
    const bodies = fc.sample(fc.oneof(hostileJson.map((t) => Buffer.from(t)), fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a))), { numRuns: 40, seed: 11 });
    const ids = fc.sample(hostileString, { numRuns: 40, seed: 12 });
    let answered = 0;
    for (const body of bodies) {
      const before = fingerprint(county.db);
      const res = await fetch(`${county.url}/report/photos`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(body) });
      const text = await res.text();
      expect(text).not.toMatch(STACK);
      if (res.status === 429) continue; // the per-address photo limit spoke first: also a refusal
      expect(res.status, text).toBe(415);
      expect(JSON.parse(text).error.message).toMatch(HAN);
      expect(fingerprint(county.db)).toBe(before);
      answered++;
    }
    for (const id of ids) {
      const res = await fetch(`${county.url}/report/photos/${encodeURIComponent(id).slice(0, 2000)}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await res.text()).not.toMatch(STACK);
    }
    expect(answered).toBeGreaterThan(0);
    tried += bodies.length + ids.length;
  });
});

describe('hostile text that is well-formed is stored inert and read back exactly', () => {
  it('SQL-looking, bidirectional, zero-width and astral text round-trips through push and pull', async () => {
    const api = apiClient(county.url, tokens.command);
    const texts = NASTY_TEXT.filter((t) => t.trim().length > 0 && t.length <= 100);
    const sent = texts.map((place, i) => ({
      id: eventIdAt(TEST_NOW - 1000),
      unitId: 'u-b',
      clientTime: TEST_NOW - 1000,
      kind: 'issue.reported' as const,
      payload: { ...reportedPayload('u-b', 'complaint', `0190f0e2-0000-7000-8000-${String(i).padStart(12, '0')}`), place, description: place },
    }));
    const { stored } = await api.sync.push.mutate({ events: sent });
    expect(stored).toHaveLength(sent.length);
    const pulled = await api.sync.pull.query({ after: 0, limit: 1000 });
    const byId = new Map(pulled.events.map((e) => [e.id, e.payload as { place: string }]));
    for (const e of sent) expect(byId.get(e.id)?.place).toBe(e.payload.place.trim());
    expect(county.db.$client.prepare("select count(*) n from sqlite_master where name = 'events'").get()).toEqual({ n: 1 });
    expect(county.db.select().from(events).all().length).toBeGreaterThanOrEqual(sent.length);
  });
});

/*
 * The routes outside tRPC, with hostile requests of every shape: random bytes and lengths, every content type,
 * odd ids and paths (traversal, encodings, huge). Never a 5xx, never a stack or a file's bytes where a refusal
 * belongs; every refusal a JSON body with a Chinese message; the database changes only for a real image upload.
 */
/** A string as a path segment; a lone surrogate (which encodeURIComponent refuses) as the invalid UTF-8 it would be. */
const segment = (s: string) => {
  try {
    return encodeURIComponent(s).slice(0, 4000);
  } catch {
    return '%ED%A0%80';
  }
};
const PLAIN_ROUTES: { route: string; request: fc.Arbitrary<{ method: string; path: string; body?: Uint8Array; type?: string }> }[] = [
  { route: 'GET /healthz', request: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH').map((method) => ({ method, path: '/healthz' })) },
  {
    route: 'POST /photos',
    request: fc.record({
      body: fc.oneof(fc.uint8Array({ maxLength: 4096 }), fc.uint8Array({ maxLength: 64 }).map((b) => new Uint8Array([0xff, 0xd8, 0xff, ...b])), fc.constant(new Uint8Array(3 * 1024 * 1024))),
      type: fc.constantFrom('image/jpeg', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/json', 'text/plain', ''),
    }).map((r) => ({ method: 'POST', path: '/photos', ...r })),
  },
  {
    route: 'GET /photos/:id',
    request: fc.oneof(hostileString, fc.constantFrom('..%2F..%2Fcounty.sqlite', '%2e%2e/%2e%2e/county.sqlite', 'a'.repeat(64), 'A'.repeat(64), '0'.repeat(63), `${'f'.repeat(64)}/../x`, '%00', '%ZZ'))
      .map((id) => ({ method: 'GET', path: `/photos/${segment(id)}` })),
  },
  { route: 'any other path', request: fc.tuple(fc.constantFrom('GET', 'POST'), hostileString).map(([method, p]) => ({ method, path: `/${segment(p)}` })) },
];

describe('hostile requests at every route outside tRPC', () => {
  it.each(PLAIN_ROUTES.map((r) => [r.route, r.request] as const))('%s', async (_route, request) => {
    let baseline = fingerprint(county.db);
    const who = fc.constantFrom('staff', 'command', 'anon') as fc.Arbitrary<'staff' | 'command' | 'anon'>;
    await fc.assert(
      fc.asyncProperty(request, who, async ({ method, path, body, type }, caller) => {
        const headers: Record<string, string> = caller === 'anon' ? {} : { authorization: `Bearer ${tokens[caller]}` };
        if (type) headers['content-type'] = type;
        const res = await fetch(`${county.url}${path}`, { method, headers, body: method === 'GET' || !body ? undefined : Buffer.from(body) });
        const text = await res.text();
        tried++;
        expect(res.status, `${method} ${path.slice(0, 80)}`).toBeLessThan(500);
        expect(text).not.toMatch(STACK);
        if (res.status >= 400) {
          expect((JSON.parse(text) as { error: { message: string } }).error.message).toMatch(HAN);
          expect(fingerprint(county.db), 'a refused request changed the database').toBe(baseline);
        } else if (method === 'POST') baseline = fingerprint(county.db); // a stored photo: the new baseline
        else expect(res.headers.get('content-type') ?? '').not.toMatch(/sqlite|octet/);
      }),
      { numRuns: NUM_RUNS, seed: 11 },
    );
  });
});
