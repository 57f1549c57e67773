/*
 * The issue state machine as a table: for every move, every state and every role, whether the move is allowed,
 * refused for the role, or refused from that state. Written out by hand so a rule change shows up here.
 */
import { describe, expect, it } from 'vitest';
import { ISSUE_STATES, MOVES, moveRefusal, nextState, type IssueMove, type IssueState } from '../../shared/issueFlow';
import { ROLES } from '../../shared/roles';

// Which states each move starts from, and who makes it.
const FROM: Record<IssueMove, IssueState[]> = {
  'issue.assigned': ['reported'],
  'issue.rectified': ['reported', 'assigned', 'reopened'],
  'issue.verified': ['rectified'],
  'issue.rejected': ['reported', 'assigned', 'reopened'],
};
const WHO: Record<IssueMove, string[]> = {
  'issue.assigned': ['dept_head', 'zone_chief', 'inspector', 'command'],
  'issue.rectified': ['staff', 'unit_head'],
  'issue.verified': ['inspector', 'command'],
  'issue.rejected': ['dept_head', 'inspector', 'command'],
};

const cases = (Object.keys(FROM) as IssueMove[]).flatMap((move) =>
  ISSUE_STATES.flatMap((state) => ROLES.map((role) => [move, state, role] as const)),
);

describe('moveRefusal', () => {
  it('the table covers every move the state machine knows', () => {
    expect(Object.keys(MOVES).sort()).toEqual(Object.keys(FROM).sort());
  });

  it.each(cases)('%s from %s by %s', (move, state, role) => {
    const actual = moveRefusal(move, state, role);
    if (!WHO[move].includes(role)) expect(actual?.reason).toBe('role');
    else if (!FROM[move].includes(state)) expect(actual?.reason).toBe('state');
    else expect(actual).toBeNull();
    if (actual) expect(actual.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says what the state is and what was tried', () => {
    expect(moveRefusal('issue.verified', 'assigned', 'inspector')?.message).toBe('问题当前为“已交办”，不能回头看核查');
    expect(moveRefusal('issue.rectified', 'assigned', 'inspector')?.message).toBe('您的角色不能对问题进行“整改”');
  });
});

describe('nextState', () => {
  it.each([
    ['issue.assigned', true, 'assigned'],
    ['issue.rectified', true, 'rectified'],
    ['issue.verified', true, 'verified'],
    ['issue.verified', false, 'reopened'],
    ['issue.rejected', true, 'rejected'],
  ] as const)('%s (passed %s) → %s', (move, passed, expected) => {
    expect(nextState(move, passed)).toBe(expected);
  });
});
