/*
 * A change dated later is not today's. On the report county (today is Wednesday 14 October 2026), the command
 * center plans changes from Monday 19 October: zone 1 renamed and given zone 2's chief (one chief for two
 * zones), 县教育局 moved to zone 3, 县人民医院 dissolved, zone 1's department head moved to 县卫健委 (zone 2's
 * lead unit), a new staff member. Until Monday every name, list, scope and sign-in follows today's organisation;
 * from Monday the new one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { eventIdAt } from '../../shared/eventId';
import { changeOrg } from '../../server/domain/orgChanges';
import { authenticate, enrolDevice, issueEnrolCode } from '../../server/domain/auth';
import { pushEvents } from '../../server/domain/ledger';
import { orgSeenBy, orgToday } from '../../server/domain/org';
import { whoAmI } from '../../server/domain/whoami';
import { instantAt } from '../../shared/calendar';
import type { Person } from '../../shared/schemas/org';
import type { ClientEvent } from '../../shared/schemas/events';
import { refusedAsync } from '../support/refusals';
import { NOW, PEOPLE, UNITS, ZONES, actorOf, callerFor, reportCounty, type ReportCounty } from './fixtures/reportCounty';

const MONDAY = '2026-10-19';
const LATER = instantAt('2026-10-20', '12:00');
const NEWCOMER: Person = { id: 'p-new', name: '郑洁', role: 'staff', unitId: 'u1' };

let county: ReportCounty;

beforeAll(() => {
  county = reportCounty();
  const result = changeOrg(
    county.db,
    MONDAY,
    {
      zones: [{ ...ZONES[0], name: '1号人民广场新区片区', chiefPersonId: PEOPLE.chief2.id }],
      units: [{ ...UNITS[1], zoneId: 'z3' }],
      // The newcomer's row is written now (a code can be issued for them), in effect only from Monday.
      people: [{ ...PEOPLE.deptHead1, unitId: 'u3' }, NEWCOMER],
      ended: [{ kind: 'unit', id: 'u6' }],
    },
    NOW,
  );
  expect(result).toEqual({ ok: true, versions: 5 });
});

const scopeUnits = async (person: Person, now: number) => (await callerFor(county.db, person, now).org.scope()).units.map((u) => u.id).sort();

describe('until the change takes effect, today’s organisation', () => {
  it('names and lists: zone 1 keeps its name, 县教育局 stays in zone 1, 县人民医院 is still there', async () => {
    const today = await callerFor(county.db, PEOPLE.command, NOW).org.scope();
    expect(today.zones.find((z) => z.id === 'z1')!.name).toBe('1号人民广场片区');
    expect(today.units.find((u) => u.id === 'u2')!.zoneId).toBe('z1');
    expect(today.units.map((u) => u.id)).toContain('u6');
    const monday = await callerFor(county.db, PEOPLE.command, LATER).org.scope();
    expect(monday.zones.find((z) => z.id === 'z1')!.name).toBe('1号人民广场新区片区');
    expect(monday.units.find((u) => u.id === 'u2')!.zoneId).toBe('z3');
    expect(monday.units.map((u) => u.id)).not.toContain('u6');
  });

  it('the side panel’s unit and the signed-in person’s zone are today’s', async () => {
    const staff2 = PEOPLE.staff2;
    const mine = await callerFor(county.db, staff2, NOW).org.myUnit({});
    if (mine.unchanged) throw new Error('a first request gets the whole unit');
    expect(mine.zone.name).toBe('1号人民广场片区');
    expect(whoAmI(county.db, staff2, 'dev', NOW).unit).toMatchObject({ zoneId: 'z1', zoneName: '1号人民广场片区' });
    expect(whoAmI(county.db, staff2, 'dev', LATER).unit).toMatchObject({ zoneId: 'z3', zoneName: '3号五小厂片区' });
  });

  it('who sees what: each chief their zones of today; from Monday zone 2’s chief answers for zone 1 too', async () => {
    expect(await scopeUnits(PEOPLE.chief1, NOW)).toEqual(['u1', 'u2']);
    expect(await scopeUnits(PEOPLE.chief2, NOW)).toEqual(['u3', 'u4']);
    expect(await scopeUnits(PEOPLE.chief1, LATER)).toEqual([]);
    expect(await scopeUnits(PEOPLE.chief2, LATER)).toEqual(['u1', 'u3', 'u4']);
  });

  it('sign-in: a moved department head is signed in with today’s unit, and Monday’s from Monday', () => {
    const code = issueEnrolCode(county.db, PEOPLE.deptHead1.id, NOW);
    const enrolled = enrolDevice(county.db, code, '住建局电脑', NOW);
    if (!enrolled.ok) throw new Error(enrolled.reason);
    const today = authenticate(county.db, enrolled.token, NOW)!;
    expect(today.person).toMatchObject({ role: 'dept_head', unitId: 'u1' });
    expect(orgSeenBy(county.db, today.person, NOW).scope).toMatchObject({ all: false, zoneIds: new Set(['z1']) });
    const monday = authenticate(county.db, enrolled.token, LATER)!;
    expect(monday.person).toMatchObject({ role: 'dept_head', unitId: 'u3' });
    expect(orgSeenBy(county.db, monday.person, LATER).scope).toMatchObject({ all: false, zoneIds: new Set(['z2']) });
  });

  it('a person whose entry starts Monday cannot enrol today, and can from Monday', () => {
    const code = issueEnrolCode(county.db, NEWCOMER.id, NOW);
    expect(enrolDevice(county.db, code, '新电脑', NOW)).toEqual({ ok: false, reason: 'absent' });
    const monday = enrolDevice(county.db, code, '新电脑', LATER);
    expect(monday.ok).toBe(true);
    if (monday.ok) expect(authenticate(county.db, monday.token, NOW)).toBeNull();
  });

  it('what they may write: 县教育局 reports in zone 1 today; from Monday only in zone 3', async () => {
    const report = (at: number, zoneId: string): ClientEvent => ({
      id: eventIdAt(at),
      unitId: 'u2',
      clientTime: at,
      kind: 'issue.reported',
      payload: { issueId: uuidv7(), category: 'sanitation', zoneId, gridCellId: null, place: '文化路', description: '垃圾堆放', photoIds: [], source: 'self_check' },
    });
    expect(pushEvents(county.db, actorOf(PEOPLE.staff2), [report(NOW, 'z1')], NOW).stored).toHaveLength(1);
    const later = callerFor(county.db, PEOPLE.staff2, LATER);
    expect((await refusedAsync(later.sync.push({ events: [report(LATER, 'z1')] }))).message).toContain('不在所选片区');
    expect((await later.sync.push({ events: [report(LATER, 'z3')] })).stored).toHaveLength(1);
  });

  it('orgToday keeps every entity findable by id, each as today’s version', () => {
    const today = orgToday(county.db, NOW);
    expect(today.unitById.get('u2')!.zoneId).toBe('z1');
    expect(orgToday(county.db, LATER).unitById.get('u6')!.name).toBe('县人民医院');
  });
});
