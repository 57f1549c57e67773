/*
 * The projection kept in IndexedDB: the Dexie store under shared/applyEvent.ts, so one event changes the duty
 * checks, issues, calendar and nudges here exactly as the server's projection does (nothing here decides
 * anything on its own). Must run inside a Dexie transaction over projectionTables(db).
 */
import { applyEvent, type ProjectableEvent, type ProjectionStore } from '../../shared/applyEvent';
import type { LedgerEventBody } from '../../shared/schemas/events';
import type { PanelDb } from './db';

export type { ProjectableEvent };

/** The tables `project` writes: a transaction that projects must include them all. */
export function projectionTables(db: PanelDb) {
  return [db.dutyChecks, db.issues, db.calendarDays, db.nudges];
}

function dexieStore(db: PanelDb): ProjectionStore {
  return {
    dutyCheck: (_unitId, dutyId, periodKey) => db.dutyChecks.get([dutyId, periodKey]),
    putDutyCheck: async (row) => void (await db.dutyChecks.put(row)),
    issue: (id) => db.issues.get(id),
    putIssue: async (row) => void (await db.issues.put(row)),
    nudge: (id) => db.nudges.get(id),
    putNudge: async (row) => void (await db.nudges.put(row)),
    putCalendarDay: async (day) => void (await db.calendarDays.put(day)),
  };
}

export async function project(db: PanelDb, e: ProjectableEvent): Promise<void> {
  await applyEvent(dexieStore(db), e);
}

/** The issue an event is about, if any. */
export function issueIdOf(e: LedgerEventBody): string | null {
  return e.kind.startsWith('issue.') ? (e.payload as { issueId: string }).issueId : null;
}
