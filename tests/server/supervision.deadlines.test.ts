/*
 * Deadlines (时限), the 回头看 list and escalation (升级), with the clock in the test's hands.
 * Escalation: 责任单位 at the deadline, then one level per N days overdue: 牵头单位, 片长, 指挥部.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { issues, zones } from '../../server/db/schema';
import { pushEvents, rebuildProjections } from '../../server/domain/ledger';
import { fixedClock } from '../../server/clock';
import { DAY, HOUR, MINUTE, PACKAGE_CALENDAR, instantAt } from '../../shared/calendar';
import { escalationOf } from '../../shared/supervision';
import { dayCounter } from '../../shared/deadlines';
import type { Person } from '../../shared/schemas/org';
import { PEOPLE, actor, smallCounty } from './fixtures/smallCounty';
import { NOW, PHOTO, callerFor, ev, issueIn, refusedAsync, reportEvent } from './supervision.helpers';

const CALENDAR_DAYS = dayCounter('calendar', PACKAGE_CALENDAR);
const deadlineOf = (db: ReturnType<typeof smallCounty>, id: string) => db.select().from(issues).where(eq(issues.id, id)).get()!.deadlineAt;

describe('deadlines set by the command center', () => {
  it('the clock starts at assignment, with the category’s days as set at that moment', async () => {
    const db = smallCounty();
    const before = issueIn(db, 'u-a', 'assigned', NOW - HOUR); // sanitation: 1 day by default
    expect(deadlineOf(db, before)).toBe(NOW - HOUR + MINUTE + 1 * DAY);

    expect((await callerFor(db, PEOPLE.command).supervision.setSettings({ deadlineDays: { sanitation: 3 } })).deadlineDays).toMatchObject({ sanitation: 3, greening: 5 });
    const after = issueIn(db, 'u-a', 'assigned', NOW);
    expect(deadlineOf(db, after)).toBe(NOW + MINUTE + 3 * DAY);
    // The issue assigned before the change keeps its deadline, also when the projections are rebuilt.
    rebuildProjections(db);
    expect(deadlineOf(db, before)).toBe(NOW - HOUR + MINUTE + 1 * DAY);
    expect(deadlineOf(db, after)).toBe(NOW + MINUTE + 3 * DAY);
  });

  it('a category set to working days: a report before 国庆 is due after it, not overdue or escalated over the holiday', async () => {
    const db = smallCounty();
    const command = callerFor(db, PEOPLE.command);
    await command.supervision.setSettings({ deadlineDays: { public_facilities: 3 }, deadlineCounting: { public_facilities: 'working' } });
    expect((await command.supervision.settings()).deadlineCounting).toMatchObject({ public_facilities: 'working', sanitation: 'calendar' });
    const at = instantAt('2026-09-29', '10:00');
    const report = reportEvent('u-a', at, { source: 'self_check', category: 'public_facilities' });
    pushEvents(db, actor(PEOPLE.staffA), [report], at);
    const id = (report.payload as { issueId: string }).issueId;
    expect(deadlineOf(db, id)).toBe(instantAt('2026-10-09', '10:00'));
    const headA = (now: number) => callerFor(db, PEOPLE.headA, fixedClock(now)).supervision.alerts();
    expect(await headA(instantAt('2026-10-07', '18:00'))).toEqual([]);
    // Friday 10:01, then Monday: the 调休 Saturday 10月10日 counts, so the Monday morning is the second day over.
    expect((await headA(instantAt('2026-10-09', '10:01')))[0]).toMatchObject({ id, overdueDays: 1, level: 'unit' });
    expect((await headA(instantAt('2026-10-12', '09:00')))[0]).toMatchObject({ overdueDays: 2, level: 'leadUnit' });
  });

  it('a deadline a client writes into its event is replaced by the server’s', () => {
    const db = smallCounty();
    const report = reportEvent('u-a', NOW, { source: 'self_check' });
    (report.payload as { deadlineAt?: number }).deadlineAt = NOW + 300 * DAY;
    pushEvents(db, actor(PEOPLE.staffA), [report], NOW);
    expect(deadlineOf(db, (report.payload as { issueId: string }).issueId)).toBe(NOW + 1 * DAY);
  });

  it('a failed 回头看 (返工) gives the redo a fresh deadline from the check', () => {
    const db = smallCounty();
    const id = issueIn(db, 'u-a', 'rectified', NOW - 5 * DAY);
    pushEvents(db, actor(PEOPLE.inspector), [ev('u-a', NOW, { kind: 'issue.verified', payload: { issueId: id, passed: false, note: '仍有积水', photoIds: [PHOTO] } })], NOW);
    expect(deadlineOf(db, id)).toBe(NOW + 1 * DAY);
  });

  it('only the command center sets deadlines, and only to whole days from 1 to 90', async () => {
    const db = smallCounty();
    const forbidden = await refusedAsync(callerFor(db, PEOPLE.inspector).supervision.setSettings({ deadlineDays: { sanitation: 2 } }));
    expect([forbidden.code, forbidden.message]).toEqual(['FORBIDDEN', '您的角色无权进行此操作']);
    for (const bad of [0, 91, 1.5]) {
      const error = await refusedAsync(callerFor(db, PEOPLE.command).supervision.setSettings({ deadlineDays: { sanitation: bad } }));
      expect(error.code).toBe('BAD_REQUEST');
      expect((error.cause as Error).message).toMatch(/整改时限/);
    }
    expect((await callerFor(db, PEOPLE.staffA).supervision.settings()).deadlineDays.sanitation).toBe(1);
  });
});

describe('escalation one level at a time', () => {
  const deadline = NOW;
  it.each([
    [-1, null],
    [0, null],
    [1, 'unit'],
    [1 * DAY - 1, 'unit'],
    [1 * DAY, 'leadUnit'],
    [2 * DAY + HOUR, 'zoneChief'],
    [3 * DAY, 'commandCenter'],
    [30 * DAY, 'commandCenter'],
  ] as const)('%i ms past the deadline (1 day a level): %s', (past, level) => {
    expect(escalationOf({ state: 'assigned', deadlineAt: deadline }, deadline + past, 1, CALENDAR_DAYS)?.level ?? null).toBe(level);
  });

  it('with 2 days a level the climb is half as fast', () => {
    expect(escalationOf({ state: 'reported', deadlineAt: deadline }, deadline + 3 * DAY, 2, CALENDAR_DAYS)?.level).toBe('leadUnit');
    expect(escalationOf({ state: 'reopened', deadlineAt: deadline }, deadline + 6 * DAY, 2, CALENDAR_DAYS)?.level).toBe('commandCenter');
  });

  it.each(['rectified', 'verified', 'rejected'] as const)('a %s issue does not escalate', (state) => {
    expect(escalationOf({ state, deadlineAt: deadline }, deadline + 10 * DAY, 1, CALENDAR_DAYS)).toBeNull();
  });
});

describe('alerts: who hears of an overdue issue, when', () => {
  /** An issue of 县教育局 (zone 1, led by 县住建局) and one of 县市场监管局 (zone 2, chief 陈刚), assigned at NOW. */
  function county() {
    const db = smallCounty();
    const clock = fixedClock(NOW);
    const a = issueIn(db, 'u-a', 'assigned', NOW - MINUTE);
    const b = issueIn(db, 'u-b', 'assigned', NOW - MINUTE);
    const alerts = async (person: Person) => (await callerFor(db, person, clock).supervision.alerts()).map((x) => `${x.id === a ? 'A' : 'B'}:${x.levelName}`);
    return { db, clock, a, b, alerts };
  }
  const deadline = NOW + DAY; // sanitation: 1 day from assignment

  it('before the deadline nobody is alerted', async () => {
    const { clock, alerts } = county();
    clock.set(deadline - MINUTE);
    for (const p of Object.values(PEOPLE)) expect(await alerts(p), p.name).toEqual([]);
  });

  it('climbs from the unit to the lead unit, the zone chief and the command center', async () => {
    const { clock, alerts } = county();
    clock.set(deadline + HOUR);
    expect(await alerts(PEOPLE.staffA)).toEqual(['A:责任单位']);
    expect(await alerts(PEOPLE.headA)).toEqual(['A:责任单位']);
    expect(await alerts(PEOPLE.staffB)).toEqual(['B:责任单位']);
    expect(await alerts(PEOPLE.deptHead)).toEqual([]);
    expect(await alerts(PEOPLE.command)).toEqual([]);

    clock.set(deadline + DAY + HOUR);
    expect(await alerts(PEOPLE.deptHead)).toEqual(['A:牵头单位']); // zone 1 only: it does not lead zone 2
    expect(await alerts(PEOPLE.chief2)).toEqual([]);

    clock.set(deadline + 2 * DAY + HOUR);
    expect(await alerts(PEOPLE.chief2)).toEqual(['B:片长']); // zone 2 only
    expect(await alerts(PEOPLE.command)).toEqual([]);

    clock.set(deadline + 3 * DAY + HOUR);
    expect((await alerts(PEOPLE.command)).sort()).toEqual(['A:指挥部', 'B:指挥部']);
    expect(await alerts(PEOPLE.staffA)).toEqual(['A:指挥部']);
    expect(await alerts(PEOPLE.inspector)).toEqual([]); // inspectors work from the 回头看 list
  });

  it('a unit’s staff who is also a zone’s 片长 hears of their own unit’s at once and of the zone’s from 片长 up', async () => {
    const { db, clock, alerts } = county();
    db.update(zones).set({ chiefPersonId: PEOPLE.staffA.id }).where(eq(zones.id, 'z2')).run();
    clock.set(deadline + HOUR);
    expect(await alerts(PEOPLE.staffA)).toEqual(['A:责任单位']);
    clock.set(deadline + DAY + HOUR);
    expect(await alerts(PEOPLE.staffA)).toEqual(['A:牵头单位']);
    clock.set(deadline + 2 * DAY + HOUR);
    expect((await alerts(PEOPLE.staffA)).sort()).toEqual(['A:片长', 'B:片长']);
  });

  it('the command center can slow the climb; a fix stops it', async () => {
    const { db, clock, a, alerts } = county();
    await callerFor(db, PEOPLE.command).supervision.setSettings({ escalateEveryDays: 2 });
    clock.set(deadline + 3 * DAY + HOUR);
    expect(await alerts(PEOPLE.deptHead)).toEqual(['A:牵头单位']);
    pushEvents(db, actor(PEOPLE.staffA), [ev('u-a', clock.now(), { kind: 'issue.rectified', payload: { issueId: a, note: '已清理', photoIds: [PHOTO] } })], clock.now());
    expect(await alerts(PEOPLE.deptHead)).toEqual([]);
    expect(await alerts(PEOPLE.staffA)).toEqual([]);
  });

  it('an alert carries what a notification needs: unit, zone, days overdue', async () => {
    const { clock, db } = county();
    clock.set(deadline + 2 * DAY + HOUR);
    const [alert] = await callerFor(db, PEOPLE.chief2, clock).supervision.alerts();
    expect(alert).toMatchObject({ unitName: '县市场监管局', zoneName: '2号农贸市场片区', level: 'zoneChief', overdueDays: 3, since: deadline + 2 * DAY });
  });
});

describe('the 回头看 list', () => {
  it('due a week after the fix, not at it; a redo awaited is listed last; the days are a setting', async () => {
    const db = smallCounty();
    const clock = fixedClock(NOW);
    issueIn(db, 'u-a', 'assigned', NOW - 2 * DAY); // nothing to go back to yet
    const fixedLongAgo = issueIn(db, 'u-b', 'rectified', NOW - 9 * DAY);
    const fixedToday = issueIn(db, 'u-a', 'rectified', NOW - 3 * MINUTE);
    const reopened = issueIn(db, 'u-a', 'reopened', NOW - 4 * DAY);
    issueIn(db, 'u-a', 'verified', NOW - 4 * DAY);
    issueIn(db, 'u-a', 'reported', NOW - 4 * DAY);
    const api = callerFor(db, PEOPLE.inspector, clock);
    // rectified 2 minutes after the report (report, assign, fix a minute apart)
    expect((await api.supervision.rechecksDue()).map((t) => [t.id, t.dueAt, t.due, t.canVerify])).toEqual([
      [fixedLongAgo, NOW - 9 * DAY + 2 * MINUTE + 7 * DAY, true, true],
      [fixedToday, NOW - 3 * MINUTE + 2 * MINUTE + 7 * DAY, false, true],
      [reopened, null, false, false],
    ]);
    // A week later the fix of today falls due.
    clock.set(NOW - MINUTE + 7 * DAY);
    expect((await api.supervision.rechecksDue()).find((t) => t.id === fixedToday)!.due).toBe(true);
    // Ten days instead of seven: the long-ago fix is no longer due yet at NOW.
    clock.set(NOW);
    await callerFor(db, PEOPLE.command, clock).supervision.setSettings({ recheckAfterDays: 10 });
    expect((await api.supervision.rechecksDue()).find((t) => t.id === fixedLongAgo)).toMatchObject({ dueAt: NOW - 9 * DAY + 2 * MINUTE + 10 * DAY, due: false });
  });

  it('is for inspectors and the command center', async () => {
    const db = smallCounty();
    for (const p of [PEOPLE.staffA, PEOPLE.deptHead, PEOPLE.chief2]) {
      expect((await refusedAsync(callerFor(db, p).supervision.rechecksDue())).code).toBe('FORBIDDEN');
    }
  });
});
