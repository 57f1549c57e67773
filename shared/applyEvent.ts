/*
 * One event applied to a projection, the same on both sides: the browser keeps its projection in IndexedDB
 * (extension/lib/localProjection.ts), the server in SQLite (server/domain/ledger.ts project()). Each side gives
 * a small store over its tables; the rules of what an event does are here once (and the row rules in
 * projection.ts). A store's methods may answer at once (SQLite: the server applies events inside a synchronous
 * transaction, so nothing here may wait when the store does not) or with a promise (Dexie).
 */
import type { CountyEntry } from './calendar';
import type { DeadlineRules } from './deadlines';
import { acknowledgeNudge, applyDutyEvent, applyIssueMove, newIssue, newNudge, type DutyCheckRow, type EventMeta, type IssueRow, type NudgeRow } from './projection';
import type { LedgerEventBody } from './schemas/events';
import type { RoundKind } from './roundKinds';

type Maybe<T> = T | Promise<T>;

export type ProjectableEvent = LedgerEventBody & EventMeta & { seq?: number };

/** A 督查 round as the server keeps it (the browser keeps none). */
export interface InspectionRow {
  id: string;
  unitId: string;
  zoneIds: string[];
  summary: string;
  startedAt: number;
  recordedAt: number;
  inspectorId: string;
  teamId: string | null;
  kind: RoundKind | null;
  drawSeed: number | null;
}

export interface ProjectionStore {
  dutyCheck(unitId: string, dutyId: string, periodKey: string): Maybe<DutyCheckRow | undefined>;
  putDutyCheck(row: DutyCheckRow): Maybe<void>;
  issue(id: string): Maybe<IssueRow | undefined>;
  /** Insert or replace. */
  putIssue(row: IssueRow): Maybe<void>;
  nudge(id: string): Maybe<NudgeRow | undefined>;
  /** Insert or replace. */
  putNudge(row: NudgeRow): Maybe<void>;
  /** The latest entry for its date wins; `seq`: the event's place in the server's ledger (absent in the browser). */
  putCalendarDay(day: CountyEntry & { setBy: string; setAt: number }, seq: number | undefined): Maybe<void>;
  /** Rounds are kept only where there is somewhere to keep them (the server); absent, they are skipped. */
  addInspection?(row: InspectionRow): Maybe<void>;
}

/** Runs `next` on a value that may be a promise, without waiting when it is not. */
function then<T, U>(value: Maybe<T>, next: (v: T) => Maybe<U>): Maybe<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Applies one event to a store. `rules`: the deadline settings (the server's; the browser estimates). */
export function applyEvent(store: ProjectionStore, e: ProjectableEvent, rules?: DeadlineRules): Maybe<void> {
  const meta: EventMeta = { id: e.id, unitId: e.unitId, actorId: e.actorId, effectiveAt: e.effectiveAt };
  switch (e.kind) {
    case 'duty.checked':
    case 'duty.unchecked':
      return then(store.dutyCheck(e.unitId, e.payload.dutyId, e.payload.periodKey), (current) => {
        const next = applyDutyEvent(current, meta, e.kind, e.payload);
        return next && store.putDutyCheck(next);
      });
    case 'issue.reported':
      return then(store.issue(e.payload.issueId), (existing) =>
        // The server's copy of a report made on this device carries the deadline it stamped: take that and keep
        // the state (later moves may already be applied on top of it). On the server an issue id comes once.
        store.putIssue(existing ? { ...existing, deadlineAt: e.payload.deadlineAt ?? existing.deadlineAt, photoIds: e.payload.photoIds } : newIssue(meta, e.payload, rules)),
      );
    case 'issue.assigned':
    case 'issue.rectified':
    case 'issue.verified':
    case 'issue.rejected':
      return then(store.issue(e.payload.issueId), (current) => current && store.putIssue(applyIssueMove(current, meta, e, rules)));
    case 'inspection.recorded': {
      const p = e.payload;
      return store.addInspection?.({
        id: p.inspectionId, unitId: e.unitId, zoneIds: p.zoneIds, summary: p.summary, startedAt: p.startedAt, recordedAt: e.effectiveAt, inspectorId: e.actorId,
        teamId: p.teamId ?? null, kind: p.kind ?? null, drawSeed: p.drawSeed ?? null,
      });
    }
    case 'calendar.day_set':
      return store.putCalendarDay({ date: e.payload.date, kind: e.payload.kind, name: e.payload.name, setBy: e.actorId, setAt: e.effectiveAt }, e.seq);
    case 'nudge.sent':
      // Pulled back after it was read on this device: keep what is known.
      return then(store.nudge(e.id), (known) => (known ? undefined : store.putNudge(newNudge(meta, e.payload))));
    case 'nudge.acknowledged':
      return then(store.nudge(e.payload.nudgeId), (current) => {
        const next = current && acknowledgeNudge(current, meta);
        return next && store.putNudge(next);
      });
    // 考核 events are read from the ledger itself (server/domain/assessment/), not projected; admin events change
    // no projection: the tables they describe were changed in the same transaction.
    case 'rubric.changed':
    case 'appeal.filed':
    case 'appeal.decided':
    case 'bulletin.issued':
    case 'org.imported':
    case 'dutyUnits.changed':
    case 'settings.changed':
    case 'enrolCode.issued':
    case 'device.revoked':
      return;
  }
}
