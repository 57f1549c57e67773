/*
 * The projection rules: how one event changes current state. Pure functions over plain rows, run by the server
 * (into SQLite) and by the extension (into IndexedDB), so both sides agree on what the ledger means.
 *
 * A duty check keeps its history. Every tick and untick of a period is a mark on its row, kept in ledger order
 * (effectiveAt, then id), and the row's state is read off the marks: ticking a period already ticked changes
 * nothing, so the first completion stands with its person and time; an untick clears it; the next tick after an
 * untick is the completion that counts. Because the state is a function of the set of marks, the result does not
 * depend on the order events arrive in (a device offline for a day, a server replaying the ledger).
 */
import type { Category } from './categories';
import { ESTIMATED_DEADLINE_RULES, type DeadlineRules } from './deadlines';
import { nextState, type IssueState } from './issueFlow';
import type { IssueSource, PayloadOf } from './schemas/events';

/** One tick (checked) or untick of a period: the event's effective time, id and person. */
export interface DutyMark {
  at: number;
  id: string;
  checked: boolean;
  by: string;
}

export interface DutyCheckRow {
  unitId: string;
  dutyId: string;
  periodKey: string;
  checked: boolean;
  /** The completion that counts: the first tick since the last untick. */
  checkedAt: number | null;
  checkedBy: string | null;
  /** The (effectiveAt, id) of the latest mark in ledger order. */
  lastAt: number;
  lastEventId: string;
  /**
   * Every mark in ledger order, or null while the row's only mark is its first tick: nearly every row, and a year
   * of a county is millions of them, so that one mark lives in the columns above instead.
   */
  history: DutyMark[] | null;
}

export interface EventMeta {
  id: string;
  unitId: string;
  actorId: string;
  effectiveAt: number;
}

const ledgerOrder = (a: DutyMark, b: DutyMark) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The marks of a row, in ledger order. (A row written before marks were kept has no history: one mark then.) */
export function marksOf(row: DutyCheckRow): DutyMark[] {
  return row.history ?? [{ at: row.lastAt, id: row.lastEventId, checked: row.checked, by: row.checkedBy ?? '' }];
}

/**
 * The row after one more tick or untick, or undefined when it changes nothing (the same event again).
 * An event already on the row under the same id replaces its mark: the server's copy of an event made on this
 * device may carry another effective time (a device clock it did not trust), and the server's copy wins.
 */
export function applyDutyEvent(
  row: DutyCheckRow | undefined,
  meta: EventMeta,
  kind: 'duty.checked' | 'duty.unchecked',
  payload: PayloadOf<'duty.checked'>,
): DutyCheckRow | undefined {
  const mark: DutyMark = { at: meta.effectiveAt, id: meta.id, checked: kind === 'duty.checked', by: meta.actorId };
  const marks = row ? marksOf(row) : [];
  const same = marks.find((m) => m.id === mark.id);
  if (same && same.at === mark.at && same.checked === mark.checked && same.by === mark.by) return undefined;
  const all = [...marks.filter((m) => m.id !== mark.id), mark].sort(ledgerOrder);
  return { unitId: meta.unitId, dutyId: payload.dutyId, periodKey: payload.periodKey, ...foldMarks(all) };
}

/** A period's state read off its marks: the first tick since the last untick is the completion that counts. */
function foldMarks(marks: DutyMark[]): Omit<DutyCheckRow, 'unitId' | 'dutyId' | 'periodKey'> {
  let checked = false;
  let checkedAt: number | null = null;
  let checkedBy: string | null = null;
  for (const m of marks) {
    if (m.checked && !checked) [checked, checkedAt, checkedBy] = [true, m.at, m.by];
    else if (!m.checked) [checked, checkedAt, checkedBy] = [false, null, null];
  }
  const last = marks[marks.length - 1];
  const onlyFirstTick = marks.length === 1 && last.checked;
  return { checked, checkedAt, checkedBy, lastAt: last.at, lastEventId: last.id, history: onlyFirstTick ? null : marks };
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

/** A 催办 as the unit and its sender see it: what it said, and whether (and when, by whom) the unit read it. */
export interface NudgeRow {
  id: string;
  unitId: string;
  sentBy: string;
  message: string;
  sentAt: number;
  readAt: number | null;
  readBy: string | null;
}

export function newNudge(meta: EventMeta, p: PayloadOf<'nudge.sent'>): NudgeRow {
  return { id: meta.id, unitId: meta.unitId, sentBy: meta.actorId, message: p.message, sentAt: meta.effectiveAt, readAt: null, readBy: null };
}

/** The nudge once read; the first acknowledgement stands (a second device's "知道了" changes nothing). */
export function acknowledgeNudge(nudge: NudgeRow, meta: EventMeta): NudgeRow | undefined {
  if (nudge.readAt !== null) return undefined;
  return { ...nudge, readAt: meta.effectiveAt, readBy: meta.actorId };
}
