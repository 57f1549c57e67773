/*
 * A device as the extension's sync engine behaves, reduced to what the fault test needs: every write lands in
 * a local projection at once (local-first) and in an outbox; push sends the outbox and drops only what the
 * server acknowledged (stored or duplicate); pull pages from a cursor and applies each event with the same
 * shared rule the server uses. A network failure leaves everything in place for the next attempt.
 */
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../../server/routers/_app';
import type { ClientEvent, StoredEvent } from '../../shared/schemas/events';
import { applyDutyEvent, type DutyCheckRow } from '../../shared/projection';
import type { Rng } from '../../server/seed/random';
import { eventIdAt } from '../../shared/eventId';

export const rowKey = (r: Pick<DutyCheckRow, 'unitId' | 'dutyId' | 'periodKey'>) => `${r.unitId}|${r.dutyId}|${r.periodKey}`;

export interface DeviceOptions {
  name: string;
  url: string;
  token: string;
  personId: string;
  /** How many outbox events go in one push. */
  batch?: number;
}

export class SimulatedDevice {
  readonly outbox: ClientEvent[] = [];
  readonly made: ClientEvent[] = [];
  readonly projection = new Map<string, DutyCheckRow>();
  readonly seenIssues = new Set<string>();
  /** Refusals that are not network trouble: the test fails if any appear. */
  readonly refusals: string[] = [];
  cursor = 0;
  /** Events the server answered as already stored: resends after a lost reply. */
  duplicatesAcked = 0;
  private readonly api;

  constructor(private readonly options: DeviceOptions) {
    this.api = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${options.url}/trpc`,
          headers: () => ({ authorization: `Bearer ${options.token}`, 'x-sim-device': options.name }),
        }),
      ],
    });
  }

  /** Makes an event on the device: applied locally at once and queued for the server. */
  record(event: Omit<ClientEvent, 'id'>): ClientEvent {
    const e = { ...event, id: eventIdAt(event.clientTime) } as ClientEvent;
    this.made.push(e);
    this.outbox.push(e);
    this.apply({ ...e, effectiveAt: e.clientTime, actorId: this.options.personId });
    return e;
  }

  private apply(e: Pick<StoredEvent, 'id' | 'unitId' | 'kind' | 'payload' | 'effectiveAt' | 'actorId'>) {
    if (e.kind === 'duty.checked' || e.kind === 'duty.unchecked') {
      const p = e.payload as { dutyId: string; periodKey: string };
      const key = rowKey({ unitId: e.unitId, ...p });
      const next = applyDutyEvent(this.projection.get(key), e, e.kind, p);
      if (next) this.projection.set(key, next);
    } else if (e.kind === 'issue.reported') {
      this.seenIssues.add((e.payload as { issueId: string }).issueId);
    }
  }

  get name(): string {
    return this.options.name;
  }

  private failed(error: unknown): false {
    const status = error instanceof TRPCClientError ? (error.data as { httpStatus?: number } | undefined)?.httpStatus : undefined;
    // No status: the network (a dropped request or response). Anything else is a refusal the test must see.
    if (status !== undefined) this.refusals.push(`${status} ${(error as Error).message}`);
    return false;
  }

  /** One push of the head of the outbox; true when the server answered. */
  async push(): Promise<boolean> {
    if (!this.outbox.length) return true;
    const sent = this.outbox.slice(0, this.options.batch ?? 20);
    try {
      const { stored, duplicates } = await this.api.sync.push.mutate({ events: sent });
      const acked = new Set([...stored, ...duplicates]);
      this.duplicatesAcked += duplicates.length;
      for (let i = this.outbox.length - 1; i >= 0; i--) if (acked.has(this.outbox[i].id)) this.outbox.splice(i, 1);
      return true;
    } catch (error) {
      return this.failed(error);
    }
  }

  /** Pulls until caught up; true when it got to the end without a failure. */
  async pull(): Promise<boolean> {
    try {
      for (;;) {
        const page = await this.api.sync.pull.query({ after: this.cursor, limit: 50 });
        for (const e of page.events) this.apply(e);
        this.cursor = page.cursor;
        if (!page.more) return true;
      }
    } catch (error) {
      return this.failed(error);
    }
  }

  async sync(): Promise<boolean> {
    const pushed = await this.push();
    const pulled = await this.pull();
    return pushed && pulled && this.outbox.length === 0;
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
