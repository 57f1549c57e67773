/*
 * The issue lifecycle as the server enforces it: every move from every state by every role, pushed through the
 * real ledger. The expected table is written out by hand (not derived from shared/issueFlow.ts MOVES), so a
 * change to the rules has to change this table too. Cells: ✓ stored, 403 wrong role, 409 not from this state.
 * Each role acts on an issue of a unit it may handle: staff and unit head their own unit (县教育局), the lead
 * unit's head a unit of the zone it leads, the zone chief a unit of its zone, inspectors and command any unit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { issues } from '../../server/db/schema';
import { pushEvents, rebuildProjections } from '../../server/domain/ledger';
import type { Db } from '../../server/db/open';
import { ISSUE_STATES, ISSUE_STATE_NAMES, type IssueState } from '../../shared/issueFlow';
import type { ClientEvent } from '../../shared/schemas/events';
import type { Person } from '../../shared/schemas/org';
import { ROLES, type Role } from '../../shared/roles';
import { PEOPLE, PERSON_BY_ROLE, actor, smallCounty } from './fixtures/smallCounty';
import { NOW, PHOTO, callerFor, ev, eventCount, issueIn, refusedAsync, refusedWith } from './supervision.helpers';
import { eventIdAt } from '../../shared/eventId';

const UNIT_OF: Record<Role, string> = { staff: 'u-a', unit_head: 'u-a', dept_head: 'u-a', zone_chief: 'u-b', inspector: 'u-a', command: 'u-a' };

type Move = 'assign' | 'rectify' | 'verify (pass)' | 'verify (fail)' | 'reject';
const BODY: Record<Move, (issueId: string, unitId: string) => Pick<ClientEvent, 'kind' | 'payload'>> = {
  assign: (issueId, unitId) => ({ kind: 'issue.assigned', payload: { issueId, unitId } }),
  rectify: (issueId) => ({ kind: 'issue.rectified', payload: { issueId, note: '已清理完毕', photoIds: [PHOTO] } }),
  'verify (pass)': (issueId) => ({ kind: 'issue.verified', payload: { issueId, passed: true, note: '整改到位', photoIds: [] } }),
  'verify (fail)': (issueId) => ({ kind: 'issue.verified', payload: { issueId, passed: false, note: '仍有垃圾', photoIds: [PHOTO] } }),
  reject: (issueId) => ({ kind: 'issue.rejected', payload: { issueId, reason: '经核实不属于本单位' } }),
};
const AFTER: Record<Move, IssueState> = { assign: 'assigned', rectify: 'rectified', 'verify (pass)': 'verified', 'verify (fail)': 'reopened', reject: 'rejected' };

//                                         staff head dept chief insp cmd
const EXPECTED: Record<Move, Record<IssueState, string>> = {
  assign: {
    reported:  '403 403 ✓   ✓   ✓   ✓',
    assigned:  '403 403 409 409 409 409',
    rectified: '403 403 409 409 409 409',
    verified:  '403 403 409 409 409 409',
    reopened:  '403 403 409 409 409 409',
    rejected:  '403 403 409 409 409 409',
  },
  rectify: {
    reported:  '✓   ✓   403 403 403 403', // a unit may fix what it found itself (or was told of) at once
    assigned:  '✓   ✓   403 403 403 403',
    rectified: '409 409 403 403 403 403',
    verified:  '409 409 403 403 403 403',
    reopened:  '✓   ✓   403 403 403 403',
    rejected:  '409 409 403 403 403 403',
  },
  'verify (pass)': {
    reported:  '403 403 403 403 409 409',
    assigned:  '403 403 403 403 409 409',
    rectified: '403 403 403 403 ✓   ✓',
    verified:  '403 403 403 403 409 409',
    reopened:  '403 403 403 403 409 409',
    rejected:  '403 403 403 403 409 409',
  },
  'verify (fail)': {
    reported:  '403 403 403 403 409 409',
    assigned:  '403 403 403 403 409 409',
    rectified: '403 403 403 403 ✓   ✓',
    verified:  '403 403 403 403 409 409',
    reopened:  '403 403 403 403 409 409',
    rejected:  '403 403 403 403 409 409',
  },
  reject: {
    reported:  '403 403 ✓   403 ✓   ✓',
    assigned:  '403 403 ✓   403 ✓   ✓',
    rectified: '403 403 409 403 409 409',
    verified:  '403 403 409 403 409 409',
    reopened:  '403 403 ✓   403 ✓   ✓',
    rejected:  '403 403 409 403 409 409',
  },
};

const STATUS = { FORBIDDEN: '403', CONFLICT: '409', BAD_REQUEST: '400', NOT_FOUND: '404' } as Record<string, string>;

const CASES = (Object.keys(EXPECTED) as Move[]).flatMap((move) =>
  ISSUE_STATES.flatMap((state) => {
    const cells = EXPECTED[move][state].trim().split(/\s+/);
    return ROLES.map((role, i) => [`${role} ${move} from ${state} → ${cells[i]}`, { move, state, role, expected: cells[i] }] as const);
  }),
);

describe('every move from every state by every role', () => {
  let db: Db;
  beforeAll(() => {
    db = smallCounty();
  });

  it('the table covers 5 moves × 6 states × 6 roles', () => {
    expect(CASES).toHaveLength(5 * 6 * 6);
  });

  it.each(CASES)('%s', (_name, { move, state, role, expected }) => {
    const unitId = UNIT_OF[role];
    const issueId = issueIn(db, unitId, state);
    const before = db.select().from(issues).where(eq(issues.id, issueId)).get();
    const eventsBefore = eventCount(db);
    const push = () => pushEvents(db, actor(PERSON_BY_ROLE[role]), [ev(unitId, NOW - 1000, BODY[move](issueId, unitId))], NOW);

    if (expected === '✓') {
      push();
      expect(db.select().from(issues).where(eq(issues.id, issueId)).get()!.state).toBe(AFTER[move]);
      expect(eventCount(db)).toBe(eventsBefore + 1);
      return;
    }
    const error = refusedWith(push);
    expect(STATUS[error.code]).toBe(expected);
    // A refusal says why in Chinese; a state refusal names the state the issue is in.
    expect(error.message).toMatch(/^第1条记录未被接受：.*[\u4e00-\u9fff]/);
    if (expected === '409') expect(error.message).toContain(`问题当前为“${ISSUE_STATE_NAMES[state]}”`);
    // Nothing stored: no event, the issue exactly as it was.
    expect(eventCount(db)).toBe(eventsBefore);
    expect(db.select().from(issues).where(eq(issues.id, issueId)).get()).toEqual(before);
  });
});

describe('moves outside the mover’s unit or zone', () => {
  const cases: [string, Person, string, Move, IssueState, string][] = [
    ['staff of another unit rectifies', PEOPLE.staffB, 'u-a', 'rectify', 'assigned', '您无权为“县教育局”提交记录'],
    ['a unit head rectifies another unit’s issue', PEOPLE.headA, 'u-b', 'rectify', 'assigned', '您无权为“县市场监管局”提交记录'],
    ['a lead unit’s head assigns in a zone it does not lead', PEOPLE.deptHead, 'u-b', 'assign', 'reported', '您无权为“县市场监管局”提交记录'],
    ['a zone chief assigns in another zone', PEOPLE.chief2, 'u-a', 'assign', 'reported', '您无权为“县教育局”提交记录'],
  ];
  it.each(cases)('%s: refused, nothing stored', (_name, person, unitId, move, state, message) => {
    const db = smallCounty();
    const issueId = issueIn(db, unitId, state);
    const before = eventCount(db);
    const error = refusedWith(() => pushEvents(db, actor(person), [ev(unitId, NOW - 1000, BODY[move](issueId, unitId))], NOW));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe(`第1条记录未被接受：${message}`);
    expect(eventCount(db)).toBe(before);
  });

  it('a move filed under a unit other than the issue’s is refused', () => {
    const db = smallCounty();
    const issueId = issueIn(db, 'u-a', 'reported');
    const error = refusedWith(() => pushEvents(db, actor(PEOPLE.inspector), [ev('u-b', NOW, BODY.assign(issueId, 'u-b'))], NOW));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', '第1条记录未被接受：记录的单位与问题的责任单位不一致']);
  });

  it('a move on an issue the server does not know is refused as not found', () => {
    const db = smallCounty();
    const error = refusedWith(() => pushEvents(db, actor(PEOPLE.inspector), [ev('u-a', NOW, BODY.assign('0190f5a0-0000-7000-8000-000000000000', 'u-a'))], NOW));
    expect([error.code, error.message]).toEqual(['NOT_FOUND', '第1条记录未被接受：问题不存在或尚未同步']);
  });

  it('one illegal move in a batch refuses the whole batch', () => {
    const db = smallCounty();
    const a = issueIn(db, 'u-a', 'assigned');
    const b = issueIn(db, 'u-a', 'verified');
    const before = eventCount(db);
    const batch = [ev('u-a', NOW, BODY.rectify(a, 'u-a')), ev('u-a', NOW, BODY.rectify(b, 'u-a'))];
    const error = refusedWith(() => pushEvents(db, actor(PEOPLE.staffA), batch, NOW));
    expect(error.message).toBe('第2条记录未被接受：问题当前为“已核查”，不能整改');
    expect(eventCount(db)).toBe(before);
    expect(db.select().from(issues).where(eq(issues.id, a)).get()!.state).toBe('assigned');
  });
});

describe('what each move must carry (checked at the door, through the tRPC caller)', () => {
  it.each([
    ['a fix without an after-photo', (id: string) => ({ kind: 'issue.rectified', payload: { issueId: id, note: '已清理', photoIds: [] } }), PEOPLE.staffA, '整改需要上传整改后照片'],
    ['a fix without a note', (id: string) => ({ kind: 'issue.rectified', payload: { issueId: id, note: ' ', photoIds: [PHOTO] } }), PEOPLE.staffA, '整改说明不能为空'],
    ['a 回头看 with neither note nor photo', (id: string) => ({ kind: 'issue.verified', payload: { issueId: id, passed: true, note: '', photoIds: [] } }), PEOPLE.inspector, '回头看需要核查照片或核查意见'],
    ['a rejection without a reason', (id: string) => ({ kind: 'issue.rejected', payload: { issueId: id, reason: '' } }), PEOPLE.inspector, '不予受理理由不能为空'],
  ] as const)('%s is refused with a Chinese reason, nothing stored', async (_name, body, person, message) => {
    const db = smallCounty();
    const issueId = issueIn(db, 'u-a', 'rectified');
    const before = eventCount(db);
    const event = { id: eventIdAt(NOW), unitId: 'u-a', clientTime: NOW, ...body(issueId) } as ClientEvent;
    const error = await refusedAsync(callerFor(db, person).sync.push({ events: [event] }));
    expect(error.code).toBe('BAD_REQUEST');
    expect((error.cause as Error).message).toContain(message);
    expect(eventCount(db)).toBe(before);
  });
});

describe('the closed loop', () => {
  it('report → assign → fix → failed 回头看 (返工) → fix → passed 回头看 closes the issue, and a rebuild agrees', () => {
    const db = smallCounty();
    const issueId = issueIn(db, 'u-a', 'reopened');
    const reopened = db.select().from(issues).where(eq(issues.id, issueId)).get()!;
    expect([reopened.state, reopened.reopenCount, reopened.closedAt]).toEqual(['reopened', 1, null]);
    pushEvents(db, actor(PEOPLE.staffA), [ev('u-a', NOW, BODY.rectify(issueId, 'u-a'))], NOW);
    pushEvents(db, actor(PEOPLE.inspector), [ev('u-a', NOW + 60_000, BODY['verify (pass)'](issueId, 'u-a'))], NOW + 60_000);
    const closed = db.select().from(issues).where(eq(issues.id, issueId)).get()!;
    expect([closed.state, closed.reopenCount, closed.closedAt, closed.verifyNote]).toEqual(['verified', 1, NOW + 60_000, '整改到位']);
    const live = db.select().from(issues).all();
    rebuildProjections(db);
    expect(db.select().from(issues).all()).toEqual(live);
  });
});
