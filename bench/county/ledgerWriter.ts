/*
 * Writes generated events the way the real ledger stores them: in the order the server would have received
 * them (so `seq` follows receive time), with the same columns and JSON payloads pushEvents writes. Direct
 * prepared statements in big transactions, because a year of a county is millions of rows.
 */
import type Database from 'better-sqlite3';
import type { ClientEvent } from '../../shared/schemas/events';
import { ledgerStatements, type LedgerQueries } from '../../server/domain/ledgerQueries';

export type GenEvent = ClientEvent & { zoneId: string; actorId: string; deviceId: string; receivedAt: number };

export class LedgerWriter {
  private pending: GenEvent[] = [];
  private readonly statements: LedgerQueries;
  readonly counts = new Map<string, number>();
  written = 0;

  constructor(private readonly raw: Database.Database) {
    this.statements = ledgerStatements(raw);
  }

  add(e: GenEvent): void {
    this.pending.push(e);
  }

  /** Stores every pending event the server would have received before `cutoff`, in receive order. */
  flushBefore(cutoff: number): void {
    const ready: GenEvent[] = [];
    const later: GenEvent[] = [];
    for (const e of this.pending) (e.receivedAt < cutoff ? ready : later).push(e);
    this.pending = later;
    ready.sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : 1));
    for (const e of ready) {
      // Client time is trusted here (received within minutes or days, never ahead), so effective = client time.
      this.statements.insertEvent({ ...e, effectiveAt: e.clientTime, clockSkewed: false });
      this.counts.set(e.kind, (this.counts.get(e.kind) ?? 0) + 1);
    }
    this.written += ready.length;
  }

  flushAll(): void {
    this.flushBefore(Number.POSITIVE_INFINITY);
  }
}
