/*
 * One seeded soak run. A small county's server (in process, or a child process that is SIGKILLed and restarted
 * mid-run), a fault proxy in front of it (drop, duplicate, reorder, delay; tests/support/faultProxy.ts), and
 * several devices per unit (tests/support/simulatedDevice.ts) ticking, reporting and moving issues through it,
 * some restarted mid-run with their store kept. After the run, settled, the guarantees are checked
 * (checkGuarantees) and every break is returned as a violation. Everything random comes from the seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadOrg } from '../../server/domain/org';
import { loadCalendar } from '../../server/domain/calendar';
import { openDb } from '../../server/db/open';
import { mulberry32, uuidv7At, type Rng } from '../../server/seed/random';
import { DAY, dateKeyOf, type Calendar } from '../../shared/calendar';
import { checkRefusal, periodKeyOf, type DutyTiming } from '../../shared/schedule';
import type { ClientEvent } from '../../shared/schemas/events';
import { PEOPLE } from '../server/fixtures/smallCounty';
import { startCountyServer, TEST_NOW } from '../support/countyServer';
import { startFaultProxy, type FaultPlan, type FaultStats } from '../support/faultProxy';
import { SimulatedDevice } from '../support/simulatedDevice';
import { freePort, killHard, smallCountyFile, startChildServer, type ChildServer } from '../support/childServer';
import { checkGuarantees, type Holder } from './guarantees';

export interface SoakResult {
  seed: number;
  killRun: boolean;
  events: number;
  stored: number;
  /** Issue moves the server refused because another device's move got there first (409), kept as rejected. */
  overtakenMoves: number;
  faults: FaultStats & { serverKills: number; deviceRestarts: number };
  violations: string[];
}

const SOME_PHOTO = 'a'.repeat(64);
const ZONE_OF: Record<string, string> = { 'u-a': 'z1', 'u-b': 'z2' };
type Role = 'writer' | 'inspector' | 'reader';
const HOLDERS: { person: { id: string }; unitId: string | null; role: Role; scope: string[] | 'all' }[] = [
  { person: PEOPLE.staffA, unitId: 'u-a', role: 'writer', scope: ['u-a'] },
  { person: PEOPLE.staffA, unitId: 'u-a', role: 'writer', scope: ['u-a'] },
  { person: PEOPLE.headA, unitId: 'u-a', role: 'writer', scope: ['u-a'] },
  { person: PEOPLE.staffB, unitId: 'u-b', role: 'writer', scope: ['u-b'] },
  { person: PEOPLE.staffB, unitId: 'u-b', role: 'writer', scope: ['u-b'] },
  { person: PEOPLE.inspector, unitId: null, role: 'inspector', scope: 'all' },
  { person: PEOPLE.deptHead, unitId: null, role: 'reader', scope: ['u-lead', 'u-a'] },
  { person: PEOPLE.command, unitId: null, role: 'reader', scope: 'all' },
];

/** A fault plan of its own for each seed: from a calm network to a very bad one. */
function planFor(rng: Rng): FaultPlan {
  return { dropRequest: rng.next() * 0.2, dropResponse: rng.next() * 0.2, lateRequest: rng.next() * 0.1, duplicate: rng.next() * 0.2, maxDelayMs: rng.int(0, 8) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A server the run can talk to and (for kill runs) kill: where its file is, and its clock's now. */
interface Target {
  url: string;
  file: string;
  now: () => number;
  tokens: string[];
  /** SIGKILL (kill runs only); `restart` starts it again on the same file and port. */
  kill?: () => Promise<void>;
  restart?: () => Promise<void>;
  close(): Promise<void>;
}

async function inProcess(): Promise<Target> {
  const county = await startCountyServer();
  return { url: county.url, file: county.file, now: () => TEST_NOW, tokens: HOLDERS.map((h) => county.tokenFor(h.person.id)), close: () => county.close() };
}

async function childProcess(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'pqt-soak-'));
  const file = join(dir, 'county.sqlite');
  const tokens = smallCountyFile(file, HOLDERS.map((h) => h.person.id));
  const port = await freePort();
  let child: ChildServer = await startChildServer(dir, port);
  return {
    url: child.url,
    file,
    now: () => Date.now(),
    tokens,
    kill: () => killHard(child.process),
    async restart() {
      child = await startChildServer(dir, port);
    },
    async close() {
      await killHard(child.process);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The county's duties and calendar, as the server judges ticks by them. */
function dutyTimings(file: string): { timings: Map<string, DutyTiming>; calendar: Calendar } {
  const db = openDb(file);
  try {
    return { timings: loadOrg(db).dutyById, calendar: loadCalendar(db) };
  } finally {
    db.$client.close();
  }
}

/** A tick or untick in the last three days, some for the day before (补做), always one the schedule allows. */
function dutyEvent(rng: Rng, unitId: string, now: number, { timings, calendar }: ReturnType<typeof dutyTimings>): Omit<ClientEvent, 'id'> {
  const clientTime = now - rng.int(0, 3 * DAY);
  const kind = rng.chance(0.7) ? ('duty.checked' as const) : ('duty.unchecked' as const);
  const dutyId = rng.pick([...timings.keys()]);
  const duty = timings.get(dutyId)!;
  const periodKey = periodKeyOf(duty.cadence, clientTime - rng.int(0, 1) * DAY);
  if (!checkRefusal(duty, periodKey, clientTime, calendar)) return { unitId, clientTime, kind, payload: { dutyId, periodKey } };
  return { unitId, clientTime, kind, payload: { dutyId: 'd-bins', periodKey: dateKeyOf(clientTime) } };
}

/** One step of a holder's work, as its role does it, judged from what its device shows. */
function work(rng: Rng, d: SimulatedDevice, holder: (typeof HOLDERS)[number], now: number, timings: ReturnType<typeof dutyTimings>): void {
  const view = [...d.issueView()];
  const clientTime = now - rng.int(0, 60_000);
  if (holder.role === 'writer') {
    const unitId = holder.unitId!;
    const open = view.filter(([, s]) => s === 'assigned' || s === 'reopened' || s === 'reported').map(([id]) => id).filter((id) => d.issueUnit(id) === unitId);
    if (open.length && rng.chance(0.25)) {
      d.record({ unitId, clientTime, kind: 'issue.rectified', payload: { issueId: rng.pick(open), note: '已清理', photoIds: [SOME_PHOTO] } });
    } else if (rng.chance(0.15)) {
      d.record({ unitId, clientTime, kind: 'issue.reported', payload: { issueId: uuidv7At(clientTime, rng), category: 'sanitation', zoneId: ZONE_OF[unitId], gridCellId: null, place: '门前', description: '随手拍', photoIds: [], source: 'self_check' } });
    } else {
      d.record(dutyEvent(rng, unitId, now, timings));
    }
  } else if (holder.role === 'inspector') {
    if (!view.length) return;
    const [issueId, state] = rng.pick(view);
    const unitId = d.issueUnit(issueId)!;
    if (state === 'reported') {
      if (rng.chance(0.8)) d.record({ unitId, clientTime, kind: 'issue.assigned', payload: { issueId, unitId } });
      else d.record({ unitId, clientTime, kind: 'issue.rejected', payload: { issueId, reason: '不属于本片区' } });
    } else if (state === 'rectified') {
      d.record({ unitId, clientTime, kind: 'issue.verified', payload: { issueId, passed: rng.chance(0.7), note: '已核查', photoIds: [] } });
    }
  }
}

export async function soakRun(seed: number, killRun: boolean): Promise<SoakResult> {
  const rng = mulberry32(seed);
  const target = killRun ? await childProcess() : await inProcess();
  const proxy = await startFaultProxy(target.url, seed, planFor(rng));
  const timings = dutyTimings(target.file);
  const violations: string[] = [];
  let serverKills = 0;
  let deviceRestarts = 0;
  try {
    const devices = HOLDERS.map((h, i) => new SimulatedDevice({ name: `${h.person.id}#${i}`, url: proxy.url, token: target.tokens[i], personId: h.person.id, batch: rng.int(1, 8) }));
    const steps = HOLDERS.map(() => rng.int(4, 10));
    const restartAt = HOLDERS.map(() => (rng.chance(0.3) ? rng.int(0, 10) : -1));
    let busy = true;

    // The killer (kill runs): SIGKILL the server once or twice while the devices work, check what it acknowledged.
    const killer = (async () => {
      if (!target.kill || !target.restart) return;
      for (let k = rng.int(1, 2); k > 0 && busy; k--) {
        const at = proxy.stats.requests + rng.int(5, 40);
        while (busy && proxy.stats.requests < at) await sleep(5);
        await target.kill();
        serverKills++;
        violations.push(...ackedKeptAfterKill(target.file, devices));
        await sleep(rng.int(0, 200)); // down for a while: devices fail and retry
        await target.restart();
      }
    })();

    await Promise.all(
      HOLDERS.map(async (holder, i) => {
        for (let s = 0; s < steps[i]; s++) {
          work(rng, devices[i], holder, target.now(), timings);
          if (rng.chance(0.4)) await devices[i].sync();
          if (s === restartAt[i]) {
            devices[i] = devices[i].restart();
            deviceRestarts++;
          }
        }
      }),
    );
    busy = false;
    await killer;

    // Settle: every device retries until its outbox is empty and a pull got to the end; late copies land; again.
    const settle = async (i: number) => {
      for (let a = 0; a < 400; a++) if (await devices[i].sync()) return;
      violations.push(`${devices[i].name}: never got a whole sync through (${devices[i].outbox.length} events left)`);
    };
    await Promise.all(devices.map((_, i) => settle(i)));
    await proxy.idle();
    await Promise.all(devices.map((_, i) => settle(i)));
    await proxy.idle();

    const holders: Holder[] = devices.map((d, i) => ({ device: d, scope: HOLDERS[i].scope }));
    const checked = checkGuarantees(target.file, holders);
    violations.push(...checked.violations);
    return {
      seed,
      killRun,
      events: devices.reduce((n, d) => n + d.made.length, 0),
      stored: checked.stored,
      overtakenMoves: devices.reduce((n, d) => n + d.store.rejected.length, 0),
      faults: { ...proxy.stats, serverKills, deviceRestarts },
      violations: violations.map((v) => `seed ${seed}: ${v}`),
    };
  } finally {
    await proxy.close();
    await target.close();
  }
}

/** Right after a SIGKILL, before the restart: the file is sound and every acknowledged event is in it. */
function ackedKeptAfterKill(file: string, devices: SimulatedDevice[]): string[] {
  const raw = new Database(file, { readonly: true });
  try {
    const out: string[] = [];
    const integrity = raw.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') out.push(`integrity_check after SIGKILL: ${String(integrity)}`);
    const stored = new Set(raw.prepare('select id from events').pluck().all() as string[]);
    const lost = devices.flatMap((d) => [...d.store.acked].filter((id) => !stored.has(id)));
    if (lost.length) out.push(`${lost.length} acknowledged events missing after SIGKILL`);
    return out;
  } finally {
    raw.close();
  }
}
