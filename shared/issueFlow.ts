/*
 * The issue lifecycle (问题闭环), enforced by the server and shown by the extension from this one table.
 *   reported → assigned → rectified → verified (closed)
 *   rectified → reopened (返工, the 回头看 failed) → rectified
 *   reported | assigned | reopened → rejected (不予受理, with a reason)
 */
import type { Role } from './roles';
import { may, type Action } from './permissions';
import type { EventKind } from './schemas/events';

export const ISSUE_STATES = ['reported', 'assigned', 'rectified', 'verified', 'reopened', 'rejected'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

export const ISSUE_STATE_NAMES: Record<IssueState, string> = {
  reported: '已上报',
  assigned: '已交办',
  rectified: '已整改',
  verified: '已核查',
  reopened: '返工',
  rejected: '不予受理',
};

export const OPEN_STATES: readonly IssueState[] = ['reported', 'assigned', 'reopened'];
export const CLOSED_STATES: readonly IssueState[] = ['verified', 'rejected'];

export type IssueMove = Exclude<Extract<EventKind, `issue.${string}`>, 'issue.reported'>;

interface Rule {
  from: readonly IssueState[];
  /** Who may make the move (shared/permissions.ts). Unit roles act only within their own unit's issues (checked by scope). */
  action: Action;
}

export const MOVES: Record<IssueMove, Rule> = {
  'issue.assigned': { from: ['reported'], action: 'issue.assign' },
  'issue.rectified': { from: ['assigned', 'reopened', 'reported'], action: 'issue.rectify' },
  'issue.verified': { from: ['rectified'], action: 'issue.verify' },
  'issue.rejected': { from: ['reported', 'assigned', 'reopened'], action: 'issue.reject' },
};

export const MOVE_NAMES: Record<IssueMove, string> = {
  'issue.assigned': '交办',
  'issue.rectified': '整改',
  'issue.verified': '回头看核查',
  'issue.rejected': '不予受理',
};

/** The state after a move; a failed verification reopens the issue. */
export function nextState(move: IssueMove, verifiedPassed = true): IssueState {
  switch (move) {
    case 'issue.assigned':
      return 'assigned';
    case 'issue.rectified':
      return 'rectified';
    case 'issue.verified':
      return verifiedPassed ? 'verified' : 'reopened';
    case 'issue.rejected':
      return 'rejected';
  }
}

export interface MoveRefusal {
  /** 'role': this role never makes this move; 'state': not from the issue's current state. */
  reason: 'role' | 'state';
  message: string;
}

/** Why someone holding `roles` may not make `move` on an issue in `state`, in words for a person, or null when they may. */
export function moveRefusal(move: IssueMove, state: IssueState, roles: Role | readonly Role[]): MoveRefusal | null {
  const rule = MOVES[move];
  if (!may(roles, rule.action)) return { reason: 'role', message: `您的角色不能对问题进行“${MOVE_NAMES[move]}”` };
  if (!rule.from.includes(state)) {
    return { reason: 'state', message: `问题当前为“${ISSUE_STATE_NAMES[state]}”，不能${MOVE_NAMES[move]}` };
  }
  return null;
}
