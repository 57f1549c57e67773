/*
 * The projection rules: how one event changes current state. Pure functions over plain rows, run by the server
 * (into SQLite) and by the extension (into IndexedDB), so both sides agree on what the ledger means.
 * Events are applied in (effectiveAt, id) order; a late-arriving event older than the row's last change leaves
 * a duty check as it is, which makes the result independent of arrival order.
 */
import type { Category } from './categories';
import { ESTIMATED_DEADLINE_RULES, type DeadlineRules } from './deadlines';
import { nextState, type IssueState } from './issueFlow';
import type { IssueSource, PayloadOf } from './schemas/events';

export interface DutyCheckRow {
  unitId: string;
  dutyId: string;
  periodKey: string;
  checked: boolean;
  checkedAt: number | null;
  checkedBy: string | null;
  lastAt: number;
  lastEventId: string;
}

export interface EventMeta {
  id: string;
  unitId: string;
  actorId: string;
  effectiveAt: number;
}

/** Whether event (at, id) comes after the row's last change in ledger order. */
export function isNewer(at: number, id: string, lastAt: number, lastId: string): boolean {
  return at > lastAt || (at === lastAt && id > lastId);
}

export function applyDutyEvent(
  row: DutyCheckRow | undefined,
  meta: EventMeta,
  kind: 'duty.checked' | 'duty.unchecked',
  payload: PayloadOf<'duty.checked'>,
): DutyCheckRow | undefined {
  if (row && !isNewer(meta.effectiveAt, meta.id, row.lastAt, row.lastEventId)) return undefined;
  const checked = kind === 'duty.checked';
  return {
    unitId: meta.unitId,
    dutyId: payload.dutyId,
    periodKey: payload.periodKey,
    checked,
    checkedAt: checked ? meta.effectiveAt : null,
    checkedBy: checked ? meta.actorId : null,
    lastAt: meta.effectiveAt,
    lastEventId: meta.id,
  };
}

export interface IssueRow {
  id: string;
  category: Category;
  zoneId: string;
  unitId: string;
  gridCellId: string | null;
  place: string;
  description: string;
  source: IssueSource;
  inspectionId: string | null;
  state: IssueState;
  photoIds: string[];
  afterPhotoIds: string[];
  rectifyNote: string | null;
  verifyNote: string | null;
  rejectReason: string | null;
  reportedBy: string;
  reportedAt: number;
  assignedAt: number | null;
  deadlineAt: number;
  rectifiedAt: number | null;
  verifiedAt: number | null;
  closedAt: number | null;
  reopenCount: number;
  updatedAt: number;
}

export function newIssue(meta: EventMeta, p: PayloadOf<'issue.reported'>, rules: DeadlineRules = ESTIMATED_DEADLINE_RULES): IssueRow {
  return {
    id: p.issueId,
    category: p.category,
    zoneId: p.zoneId,
    unitId: meta.unitId,
    gridCellId: p.gridCellId,
    place: p.place,
    description: p.description,
    source: p.source,
    inspectionId: p.inspectionId ?? null,
    state: 'reported',
    photoIds: p.photoIds,
    afterPhotoIds: [],
    rectifyNote: null,
    verifyNote: null,
    rejectReason: null,
    reportedBy: meta.actorId,
    reportedAt: meta.effectiveAt,
    assignedAt: null,
    // Self-reported issues run from the report; the clock restarts when an issue is assigned. The server stamps
    // the deadline into the event (see events.ts), so settings changed later do not move it.
    deadlineAt: p.deadlineAt ?? rules.deadlineAfter(p.category, meta.effectiveAt),
    rectifiedAt: null,
    verifiedAt: null,
    closedAt: null,
    reopenCount: 0,
    updatedAt: meta.effectiveAt,
  };
}

type MoveEvent =
  | { kind: 'issue.assigned'; payload: PayloadOf<'issue.assigned'> }
  | { kind: 'issue.rectified'; payload: PayloadOf<'issue.rectified'> }
  | { kind: 'issue.verified'; payload: PayloadOf<'issue.verified'> }
  | { kind: 'issue.rejected'; payload: PayloadOf<'issue.rejected'> };

/** The issue after a move. Legality is checked before (issueFlow.moveRefusal); this only records. */
export function applyIssueMove(issue: IssueRow, meta: EventMeta, e: MoveEvent, rules: DeadlineRules = ESTIMATED_DEADLINE_RULES): IssueRow {
  const at = meta.effectiveAt;
  const next: IssueRow = { ...issue, updatedAt: at };
  switch (e.kind) {
    case 'issue.assigned':
      return {
        ...next,
        state: nextState(e.kind),
        unitId: e.payload.unitId,
        assignedAt: at,
        deadlineAt: e.payload.deadlineAt ?? rules.deadlineAfter(issue.category, at),
      };
    case 'issue.rectified':
      return {
        ...next,
        state: nextState(e.kind),
        rectifiedAt: at,
        rectifyNote: e.payload.note,
        afterPhotoIds: e.payload.photoIds,
      };
    case 'issue.verified': {
      const state = nextState(e.kind, e.payload.passed);
      return {
        ...next,
        state,
        verifyNote: e.payload.note,
        verifiedAt: state === 'verified' ? at : null,
        closedAt: state === 'verified' ? at : null,
        reopenCount: issue.reopenCount + (state === 'reopened' ? 1 : 0),
        // 返工 gets a fresh deadline from the failed 回头看: the unit's first fix was on time, the redo runs anew.
        deadlineAt: state === 'reopened' ? (e.payload.deadlineAt ?? rules.deadlineAfter(issue.category, at)) : issue.deadlineAt,
      };
    }
    case 'issue.rejected':
      return { ...next, state: nextState(e.kind), rejectReason: e.payload.reason, closedAt: at };
  }
}
