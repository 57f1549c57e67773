/*
 * 申诉: appeals as the ledger holds them. A unit head files one against a deduction ('appeal.filed', under the
 * unit); the command center accepts or rejects it with a reason ('appeal.decided'). An accepted appeal removes the
 * deduction from live scores; the appeal and its decision stay in the ledger, and issued bulletins do not move.
 */
import type { Db } from '../../db/open';
import type { AppealLookup } from '../eventRules';
import { eventsOfKind } from './ledgerReads';
import type { AppealState } from '../../../shared/assessment/appeal';


export interface Appeal {
  appealId: string;
  unitId: string;
  deductionKey: string;
  reason: string;
  filedBy: string;
  filedAt: number;
  seq: number;
  state: AppealState;
  decision: { by: string; at: number; reason: string; seq: number } | null;
}

export function appealsOf(db: Db): Appeal[] {
  const appeals = new Map<string, Appeal>();
  for (const e of eventsOfKind(db, 'appeal.filed')) {
    appeals.set(e.payload.appealId, { ...e.payload, unitId: e.unitId, filedBy: e.actorId, filedAt: e.effectiveAt, seq: e.seq, state: 'pending', decision: null });
  }
  for (const e of eventsOfKind(db, 'appeal.decided')) {
    const appeal = appeals.get(e.payload.appealId);
    if (!appeal || appeal.decision) continue;
    appeal.state = e.payload.accepted ? 'accepted' : 'rejected';
    appeal.decision = { by: e.actorId, at: e.effectiveAt, reason: e.payload.reason, seq: e.seq };
  }
  return [...appeals.values()];
}

/** Deductions removed by accepted appeals. */
export function waivedKeys(appeals: readonly Appeal[]): Set<string> {
  return new Set(appeals.filter((a) => a.state === 'accepted').map((a) => a.deductionKey));
}

/** What the event rules ask about appeals, read afresh each time (a batch sees the events stored before it). */
export function appealLookup(db: Db): AppealLookup {
  return {
    appeal(appealId) {
      const a = appealsOf(db).find((x) => x.appealId === appealId);
      return a && { unitId: a.unitId, deductionKey: a.deductionKey, decided: a.state !== 'pending' };
    },
    contested: (key) => appealsOf(db).some((a) => a.deductionKey === key && a.state !== 'rejected'),
    eventUnit(eventId) {
      const row = db.$client.prepare<[string], { unit_id: string }>('select unit_id from events where id = ?').get(eventId);
      return row?.unit_id;
    },
  };
}
