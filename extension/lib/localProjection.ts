/*
 * The projection kept in IndexedDB: one event changes the duty checks, issues or nudges exactly as the server's
 * projection does (the rules are shared/projection.ts; nothing here decides anything on its own).
 * Must run inside a Dexie transaction over projectionTables(db).
 */
import { acknowledgeNudge, applyDutyEvent, applyIssueMove, newIssue, newNudge, type EventMeta } from '../../shared/projection';
import type { LedgerEventBody } from '../../shared/schemas/events';
import type { PanelDb } from './db';

export type ProjectableEvent = LedgerEventBody & EventMeta;

/** The tables `project` writes: a transaction that projects must include them all. */
export function projectionTables(db: PanelDb) {
  return [db.dutyChecks, db.issues, db.calendarDays, db.nudges];
}

export async function project(db: PanelDb, e: ProjectableEvent): Promise<void> {
  const meta: EventMeta = { id: e.id, unitId: e.unitId, actorId: e.actorId, effectiveAt: e.effectiveAt };
  switch (e.kind) {
    case 'duty.checked':
    case 'duty.unchecked': {
      const current = await db.dutyChecks.get([e.payload.dutyId, e.payload.periodKey]);
      const next = applyDutyEvent(current, meta, e.kind, e.payload);
      if (next) await db.dutyChecks.put(next);
      return;
    }
    case 'issue.reported': {
      const existing = await db.issues.get(e.payload.issueId);
      // The server's copy of a report made here carries the deadline it stamped: take that, keep the state
      // (later moves may already be applied on top of it).
      if (existing) await db.issues.update(existing.id, { deadlineAt: e.payload.deadlineAt ?? existing.deadlineAt, photoIds: e.payload.photoIds });
      else await db.issues.put(newIssue(meta, e.payload));
      return;
    }
    case 'issue.assigned':
    case 'issue.rectified':
    case 'issue.verified':
    case 'issue.rejected': {
      const current = await db.issues.get(e.payload.issueId);
      if (current) await db.issues.put(applyIssueMove(current, meta, e));
      return;
    }
    case 'calendar.day_set':
      await db.calendarDays.put({ ...e.payload, setBy: e.actorId, setAt: e.effectiveAt });
      return;
    case 'nudge.sent':
      // Pulled back after it was read here: keep what is known.
      if (!(await db.nudges.get(e.id))) await db.nudges.put(newNudge(meta, e.payload));
      return;
    case 'nudge.acknowledged': {
      const current = await db.nudges.get(e.payload.nudgeId);
      const next = current && acknowledgeNudge(current, meta);
      if (next) await db.nudges.put(next);
      return;
    }
    // 考核 events and admin events (the command center pulls them) change nothing kept in the browser.
    case 'rubric.changed':
    case 'appeal.filed':
    case 'appeal.decided':
    case 'bulletin.issued':
    case 'org.imported':
    case 'dutyUnits.changed':
    case 'settings.changed':
    case 'enrolCode.issued':
    case 'device.revoked':
    case 'inspection.recorded':
      return;
  }
}

/** The issue an event is about, if any. */
export function issueIdOf(e: LedgerEventBody): string | null {
  return e.kind.startsWith('issue.') ? (e.payload as { issueId: string }).issueId : null;
}
