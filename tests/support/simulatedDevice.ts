/*
 * A device as the extension's sync engine behaves, reduced to what the fault tests need: every write lands in
 * a local projection at once (local-first) and in an outbox; push sends the outbox and drops only what the
 * server acknowledged (stored or duplicate); a batch the server refuses is resent one event at a time and the
 * refused event is kept aside as rejected, as the extension does; pull pages from a cursor and applies each
 * event with the same shared rules the server uses. A network failure leaves everything in place.
 *
 * What a browser keeps in IndexedDB is the DeviceStore: `restart()` gives a new device on the same store (the
 * service worker or the browser restarted), and whatever the old one still had in flight lands nowhere.
 * While it works the device watches the contract and notes any break in `violations`: a pull cursor going
 * back, a pulled event at or before the cursor, an issue move the state machine does not allow, an event the
 * server acknowledged that a complete pull afterwards does not return.
 */
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../../server/routers/_app';
import type { ClientEvent, StoredEvent } from '../../shared/schemas/events';
import { applyDutyEvent, type DutyCheckRow } from '../../shared/projection';
import { MOVES, nextState, type IssueMove, type IssueState } from '../../shared/issueFlow';
import { eventIdAt } from '../../shared/eventId';
import type { Rng } from '../../server/seed/random';

export const rowKey = (r: Pick<DutyCheckRow, 'unitId' | 'dutyId' | 'periodKey'>) => `${r.unitId}|${r.dutyId}|${r.periodKey}`;

export interface DeviceOptions {
  name: string;
  url: string;
  token: string;
  personId: string;
  /** How many outbox events go in one push. */
  batch?: number;
}

/** What survives a restart of the device (its IndexedDB). */
export interface DeviceStore {
  outbox: ClientEvent[];
  made: ClientEvent[];
  projection: Map<string, DutyCheckRow>;
  /** Issue states as the server's ledger has them, applied in seq order as pulled. */
  issueStates: Map<string, IssueState>;
  /** The unit of every issue the device knows of (its own reports and pulled ones). */
  issueUnits: Map<string, string>;
  pulledIds: Set<string>;
  /** Ids the server acknowledged (stored, or already stored). */
  acked: Set<string>;
  rejected: { event: ClientEvent; status: number; message: string }[];
  cursor: number;
  /** The ledger epoch of the last pull (null before the first). */
  epoch: number | null;
  /** Events the server answered as already stored: resends after a lost reply. */
  duplicatesAcked: number;
  violations: string[];
}

export function emptyStore(): DeviceStore {
  return { outbox: [], made: [], projection: new Map(), issueStates: new Map(), issueUnits: new Map(), pulledIds: new Set(), acked: new Set(), rejected: [], cursor: 0, epoch: null, duplicatesAcked: 0, violations: [] };
}

const isMove = (kind: string): kind is IssueMove => kind in MOVES;
/** A refusal of the events themselves, as the extension's sync engine judges it; anything else is retried. */
const isRefusal = (status: number | undefined): status is number => status !== undefined && status >= 400 && status < 500 && status !== 401 && status !== 429;
type Outcome = { ok: true } | { ok: false; status?: number; message: string };

export class SimulatedDevice {
  private readonly api;
  private alive = true;

  constructor(
    private readonly options: DeviceOptions,
    readonly store: DeviceStore = emptyStore(),
  ) {
    this.api = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${options.url}/trpc`,
          headers: () => ({ authorization: `Bearer ${options.token}`, 'x-sim-device': options.name }),
        }),
      ],
    });
  }

  get name(): string {
    return this.options.name;
  }
  get outbox() {
    return this.store.outbox;
  }
  get made() {
    return this.store.made;
  }
  get projection() {
    return this.store.projection;
  }
  get cursor() {
    return this.store.cursor;
  }
  get duplicatesAcked() {
    return this.store.duplicatesAcked;
  }
  /** Refusals other than an issue move overtaken by someone else's (409): the tests fail if any appear. */
  get refusals(): string[] {
    return this.store.rejected.filter((r) => !(r.status === 409 && isMove(r.event.kind))).map((r) => `${r.status} ${r.message}`);
  }
  get seenIssues(): Set<string> {
    return new Set(this.store.issueStates.keys());
  }

  issueUnit(issueId: string): string | undefined {
    return this.store.issueUnits.get(issueId);
  }

  /** The same device after a restart: its store kept, anything in flight forgotten. */
  restart(): SimulatedDevice {
    this.alive = false;
    return new SimulatedDevice(this.options, this.store);
  }

  /** Makes an event on the device, stamped with its clock: applied locally at once and queued for the server. */
  record(event: Omit<ClientEvent, 'id'>): ClientEvent {
    const e = { ...event, id: eventIdAt(event.clientTime) } as ClientEvent;
    this.store.made.push(e);
    this.store.outbox.push(e);
    if (e.kind === 'issue.reported') this.store.issueUnits.set(e.payload.issueId, e.unitId);
    this.applyDuty({ ...e, effectiveAt: e.clientTime, actorId: this.options.personId });
    return e;
  }

  /** Issue states as this device shows them: the server's, with its own unsent reports and moves on top. */
  issueView(): Map<string, IssueState> {
    const view = new Map(this.store.issueStates);
    for (const e of this.store.outbox) {
      if (e.kind === 'issue.reported') view.set(e.payload.issueId, 'reported');
      else if (isMove(e.kind)) {
        const p = e.payload as { issueId: string; passed?: boolean };
        const from = view.get(p.issueId);
        if (from && MOVES[e.kind].from.includes(from)) view.set(p.issueId, nextState(e.kind, p.passed ?? true));
      }
    }
    return view;
  }

  private applyDuty(e: Pick<StoredEvent, 'id' | 'unitId' | 'kind' | 'payload' | 'effectiveAt' | 'actorId'>) {
    if (e.kind !== 'duty.checked' && e.kind !== 'duty.unchecked') return;
    const p = e.payload as { dutyId: string; periodKey: string };
    const key = rowKey({ unitId: e.unitId, ...p });
    const next = applyDutyEvent(this.store.projection.get(key), e, e.kind, p);
    if (next) this.store.projection.set(key, next);
  }

  /** One pulled event, in seq order: the duty projection and the issue state machine. */
  private applyPulled(e: StoredEvent) {
    const { store } = this;
    if (e.seq <= store.cursor) store.violations.push(`${this.name}: pulled seq ${e.seq} at or before its cursor ${store.cursor}`);
    store.pulledIds.add(e.id);
    this.applyDuty(e);
    if (e.kind === 'issue.reported') {
      if (store.issueStates.has(e.payload.issueId)) store.violations.push(`${this.name}: issue ${e.payload.issueId} reported twice`);
      store.issueStates.set(e.payload.issueId, 'reported');
      store.issueUnits.set(e.payload.issueId, e.unitId);
    } else if (isMove(e.kind)) {
      const p = e.payload as { issueId: string; passed?: boolean };
      const from = store.issueStates.get(p.issueId);
      if (!from || !MOVES[e.kind].from.includes(from)) store.violations.push(`${this.name}: ${e.kind} on issue ${p.issueId} from ${from ?? 'nothing'}`);
      store.issueStates.set(p.issueId, nextState(e.kind, p.passed ?? true));
    }
  }

  /** The status of the last push that failed (none: the network), for tests that expect a kind of failure. */
  lastFailure: { status?: number; message: string } | null = null;

  private async send(events: ClientEvent[]): Promise<Outcome> {
    try {
      const { stored, duplicates } = await this.api.sync.push.mutate({ events });
      if (!this.alive) return { ok: false, message: 'restarted' };
      const acked = new Set([...stored, ...duplicates]);
      this.store.duplicatesAcked += duplicates.length;
      for (const id of acked) this.store.acked.add(id);
      this.store.outbox = this.store.outbox.filter((e) => !acked.has(e.id));
      return { ok: true };
    } catch (error) {
      const status = error instanceof TRPCClientError ? (error.data as { httpStatus?: number } | undefined)?.httpStatus : undefined;
      this.lastFailure = { status, message: (error as Error).message };
      return { ok: false, status, message: (error as Error).message };
    }
  }

  /** One push of the head of the outbox; true when the server answered for all of it. */
  async push(): Promise<boolean> {
    if (!this.store.outbox.length) return true;
    const sent = this.store.outbox.slice(0, this.options.batch ?? 20);
    const outcome = await this.send(sent);
    if (outcome.ok) return true;
    // The network, 401, 429 or a 5xx (a full disk, say): try later. Any other 4xx refuses the batch: find the bad events alone.
    if (!this.alive || !isRefusal(outcome.status)) return false;
    for (const event of sent) {
      const alone = await this.send([event]);
      if (alone.ok) continue;
      if (!this.alive || !isRefusal(alone.status)) return false;
      this.store.rejected.push({ event, status: alone.status, message: alone.message });
      this.store.outbox = this.store.outbox.filter((e) => e.id !== event.id);
    }
    return true;
  }

  /** Pulls until caught up; true when it got to the end without a failure. */
  async pull(): Promise<boolean> {
    const { store } = this;
    const mustSee = [...store.acked];
    try {
      for (;;) {
        const page = await this.api.sync.pull.query({ after: store.cursor, limit: 50 });
        if (!this.alive) return false;
        if (store.epoch !== null && page.epoch !== store.epoch) {
          this.startOver(page.epoch);
          return false;
        }
        store.epoch = page.epoch;
        if (page.cursor < store.cursor) store.violations.push(`${this.name}: cursor went back from ${store.cursor} to ${page.cursor}`);
        for (const e of page.events) {
          this.applyPulled(e);
          store.cursor = e.seq;
        }
        store.cursor = Math.max(store.cursor, page.cursor);
        if (!page.more) break;
      }
    } catch {
      return false;
    }
    // Read your writes: everything acknowledged before this pull began is in the ledger this pull got to the end of.
    const missing = mustSee.filter((id) => !store.pulledIds.has(id));
    if (missing.length) store.violations.push(`${this.name}: ${missing.length} acknowledged events missing from a complete pull (${missing[0]}…)`);
    return true;
  }

  /**
   * The server's data was restored from a backup: forget what it said before (cursor, acknowledgements, pulled
   * state), queue again every event this device made and the server did not refuse, and pull from the start.
   */
  private startOver(epoch: number) {
    const { store } = this;
    const refused = new Set(store.rejected.map((r) => r.event.id));
    Object.assign(store, { cursor: 0, epoch, acked: new Set(), pulledIds: new Set(), issueStates: new Map(), projection: new Map() });
    store.outbox = store.made.filter((e) => !refused.has(e.id));
    for (const e of store.outbox) this.applyDuty({ ...e, effectiveAt: e.clientTime, actorId: this.options.personId });
  }

  async sync(): Promise<boolean> {
    const pushed = await this.push();
    const pulled = await this.pull();
    return pushed && pulled && this.store.outbox.length === 0;
  }
}

/** Random ticks and unticks a unit's device makes over a working week, some for earlier days (补做). */
export function randomDutyEvent(rng: Rng, unitId: string, week: { dates: string[]; weekKey: string; from: number; to: number }, startOf: (date: string) => number): Omit<ClientEvent, 'id'> {
  const clientTime = rng.int(week.from, week.to);
  const kind = rng.chance(0.7) ? ('duty.checked' as const) : ('duty.unchecked' as const);
  const dutyId = rng.pick(['d-sweep', 'd-bins', 'd-corner']);
  if (dutyId === 'd-corner') return { unitId, clientTime, kind, payload: { dutyId, periodKey: week.weekKey } };
  const open = week.dates.filter((d) => startOf(d) <= clientTime);
  return { unitId, clientTime, kind, payload: { dutyId, periodKey: rng.pick(open) } };
}
