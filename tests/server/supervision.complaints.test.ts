/*
 * Complaints (投诉): the command center logs and assigns the issue in one step; the caller's name and phone stay
 * with the command center — not in the ledger anyone pulls, not in any procedure another role can call.
 */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { eq } from 'drizzle-orm';
import { complaintContacts, events, issues } from '../../server/db/schema';
import type { Db } from '../../server/db/open';
import { ROLES, type Role } from '../../shared/roles';
import type { Person } from '../../shared/schemas/org';
import type { LogComplaintInput } from '../../shared/schemas/supervision';
import { PEOPLE, smallCounty } from './fixtures/smallCounty';
import { NOW, callerFor, eventCount, refusedAsync } from './supervision.helpers';

const NAME = '王秀英';
const PHONE = '138 0013 8000';

function complaint(o: Partial<LogComplaintInput['issue']> = {}, unitId = 'u-b'): LogComplaintInput {
  return {
    issue: { issueId: uuidv7(), category: 'city_appearance', zoneId: 'z2', gridCellId: 'g-b1', place: '农贸市场北门', description: '夜市摊点占道经营，油污满地', photoIds: [], ...o },
    unitId,
    clientTime: NOW,
    contact: { name: NAME, phone: PHONE },
  };
}

const PERSON: Record<Role, Person> = {
  staff: PEOPLE.staffB,
  unit_head: PEOPLE.headA,
  dept_head: PEOPLE.deptHead,
  zone_chief: PEOPLE.chief2,
  inspector: PEOPLE.inspector,
  command: PEOPLE.command,
};

/** Everything a caller can read through the supervision and sync procedures about an issue, as one string. */
async function everythingVisibleTo(db: Db, person: Person, issueId: string): Promise<string> {
  const api = callerFor(db, person);
  const seen: unknown[] = [];
  const tryRead = async (read: () => Promise<unknown>) => seen.push(await read().catch((e: Error) => e.message));
  await tryRead(() => api.sync.pull({ after: 0, limit: 1000 }));
  await tryRead(() => api.supervision.issue({ issueId }));
  await tryRead(() => api.supervision.alerts());
  await tryRead(() => api.supervision.rechecksDue());
  await tryRead(() => api.supervision.similarOpen({ category: 'city_appearance', zoneId: 'z2' }));
  await tryRead(() => api.supervision.hotspots());
  return JSON.stringify(seen);
}

describe('logging a complaint', () => {
  it('stores the issue (source 电话投诉) assigned to the unit, and the contact apart from the ledger', async () => {
    const db = smallCounty();
    const input = complaint();
    expect(await callerFor(db, PEOPLE.command).supervision.logComplaint(input)).toEqual({ issueId: input.issue.issueId, duplicate: false });
    const issue = db.select().from(issues).where(eq(issues.id, input.issue.issueId)).get()!;
    expect([issue.source, issue.state, issue.unitId, issue.assignedAt]).toEqual(['complaint', 'assigned', 'u-b', NOW]);
    expect(db.select().from(events).all().map((e) => e.kind)).toEqual(['issue.reported', 'issue.assigned']);
    // The name and the whole number, in any spacing: a bare "138" also turns up by chance in the ledger's hex hashes.
    expect(JSON.stringify(db.select().from(events).all())).not.toMatch(/王秀英|138\s?0013\s?8000/);
    expect(db.select().from(complaintContacts).all()).toEqual([{ issueId: input.issue.issueId, name: NAME, phone: PHONE, recordedBy: PEOPLE.command.id, recordedAt: NOW }]);
  });

  it('a retried request is acknowledged without storing anything twice', async () => {
    const db = smallCounty();
    const input = complaint();
    await callerFor(db, PEOPLE.command).supervision.logComplaint(input);
    expect(await callerFor(db, PEOPLE.command).supervision.logComplaint(input)).toEqual({ issueId: input.issue.issueId, duplicate: true });
    expect(eventCount(db)).toBe(2);
  });

  it('a complaint the rules refuse stores neither the issue nor the contact', async () => {
    const db = smallCounty();
    // 县教育局 is in zone 1, the complaint names zone 2.
    const error = await refusedAsync(callerFor(db, PEOPLE.command).supervision.logComplaint(complaint({ gridCellId: null }, 'u-a')));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', '第1条记录未被接受：“县教育局”不在所选片区']);
    expect(eventCount(db)).toBe(0);
    expect(db.select().from(complaintContacts).all()).toEqual([]);
  });

  it.each([
    ['a phone number that is not one', { ...complaint(), contact: { name: NAME, phone: '打我电话' } }, '联系电话格式不正确'],
    ['no caller name', { ...complaint(), contact: { name: '  ', phone: PHONE } }, '投诉人姓名不能为空'],
  ])('%s is refused in Chinese', async (_name, input, message) => {
    const db = smallCounty();
    const error = await refusedAsync(callerFor(db, PEOPLE.command).supervision.logComplaint(input));
    expect(error.code).toBe('BAD_REQUEST');
    expect((error.cause as Error).message).toContain(message);
  });

  it.each(ROLES.filter((r) => r !== 'command'))('%s cannot log a complaint', async (role) => {
    const db = smallCounty();
    expect((await refusedAsync(callerFor(db, PERSON[role]).supervision.logComplaint(complaint()))).code).toBe('FORBIDDEN');
  });
});

describe('the contact stays with the command center', () => {
  it.each(ROLES.filter((r) => r !== 'command'))('%s sees the complaint’s issue where its scope allows, never the contact', async (role) => {
    const db = smallCounty();
    const input = complaint();
    await callerFor(db, PEOPLE.command).supervision.logComplaint(input);
    const visible = await everythingVisibleTo(db, PERSON[role], input.issue.issueId);
    expect(visible).not.toContain(NAME);
    expect(visible).not.toContain('0013');
    if (['staff', 'zone_chief', 'inspector'].includes(role)) expect(visible).toContain('夜市摊点占道经营'); // the issue itself is theirs to see
  });

  it('the command center reads it on the issue', async () => {
    const db = smallCounty();
    const input = complaint();
    const api = callerFor(db, PEOPLE.command);
    await api.supervision.logComplaint(input);
    expect(await api.supervision.issue({ issueId: input.issue.issueId })).toMatchObject({ source: 'complaint', contact: { name: NAME, phone: PHONE } });
  });
});
