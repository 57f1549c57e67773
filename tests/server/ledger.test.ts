import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { count, eq } from 'drizzle-orm';
import { instantAt } from '../../shared/calendar';
import { dutyChecks, events, issues } from '../../server/db/schema';
import { pullEvents, pushEvents, rebuildProjections } from '../../server/domain/ledger';
import { loadOrg } from '../../server/domain/org';
import { scopeOf } from '../../shared/scope';
import { COUNTY_WIDE, type ClientEvent } from '../../shared/schemas/events';
import type { Db } from '../../server/db/open';
import { PEOPLE, actor, check, smallCounty } from './fixtures/smallCounty';
import { refusedWith } from '../support/refusals';
import { eventIdAt } from '../../shared/eventId';

const friday = '2026-11-27';
const at = (hhmm: string, date = friday) => instantAt(date, hhmm);
const eventCount = (db: Db) => db.select({ n: count() }).from(events).get()!.n;

describe('push', () => {
  it('a duplicate push is stored once', () => {
    const db = smallCounty();
    const staff = actor(PEOPLE.staffA);
    const batch = [check('u-a', 'd-sweep', friday, at('08:30')), check('u-a', 'd-bins', friday, at('10:00'))];
    expect(pushEvents(db, staff, batch, at('10:01'))).toEqual({ stored: batch.map((e) => e.id), duplicates: [] });
    expect(pushEvents(db, staff, batch, at('10:02'))).toEqual({ stored: [], duplicates: batch.map((e) => e.id) });
    expect(eventCount(db)).toBe(2);
  });

  it('overlapping batches store each event once, in order', () => {
    const db = smallCounty();
    const staff = actor(PEOPLE.staffA);
    const [a, b, c] = [check('u-a', 'd-sweep', friday, at('08:30')), check('u-a', 'd-bins', friday, at('10:00')), check('u-a', 'd-corner', '2026-W48', at('11:00'))];
    pushEvents(db, staff, [a, b], at('11:01'));
    const second = pushEvents(db, staff, [b, c, c], at('11:02'));
    expect(second).toEqual({ stored: [c.id], duplicates: [b.id, c.id] });
    expect(db.select().from(events).all().map((e) => e.id)).toEqual([a.id, b.id, c.id]);
  });

  it('a staff member pushing for another unit is refused and nothing is stored', () => {
    const db = smallCounty();
    const batch = [check('u-a', 'd-sweep', friday, at('08:30')), check('u-b', 'd-sweep', friday, at('08:31'))];
    const error = refusedWith(() => pushEvents(db, actor(PEOPLE.staffA), batch, at('08:32')));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('第2条记录未被接受：您无权为“县市场监管局”提交记录');
    expect(eventCount(db)).toBe(0);
    expect(db.select().from(dutyChecks).all()).toEqual([]);
  });

  it('a zone chief cannot tick a duty for a unit, even in their zone', () => {
    const db = smallCounty();
    const error = refusedWith(() => pushEvents(db, actor(PEOPLE.chief2), [check('u-b', 'd-sweep', friday, at('08:30'))], at('08:31')));
    expect(error.code).toBe('FORBIDDEN');
    expect(eventCount(db)).toBe(0);
  });

  it('refuses a tick for a holiday or a duty the unit does not have', () => {
    const db = smallCounty();
    const staff = actor(PEOPLE.staffA);
    expect(refusedWith(() => pushEvents(db, staff, [check('u-a', 'd-sweep', '2026-10-02', at('08:00', '2026-10-02'))], at('08:01', '2026-10-02'))).message).toMatch('非工作日');
    expect(refusedWith(() => pushEvents(db, staff, [check('u-a', 'no-such-duty', friday, at('08:00'))], at('08:01'))).code).toBe('NOT_FOUND');
    expect(eventCount(db)).toBe(0);
  });

  it('a tick then an untick leaves the duty unchecked; a retick made offline earlier does not override a later untick', () => {
    const db = smallCounty();
    const staff = actor(PEOPLE.staffA);
    const tick = check('u-a', 'd-bins', friday, at('09:00'));
    const untick = check('u-a', 'd-bins', friday, at('09:30'), 'duty.unchecked');
    pushEvents(db, staff, [untick], at('09:31'));
    pushEvents(db, staff, [tick], at('09:32')); // arrives later, happened earlier
    expect(db.select().from(dutyChecks).get()).toMatchObject({ checked: false, checkedAt: null });
  });

  it('keeps the server receive time and flags a device clock that is far off', () => {
    const db = smallCounty();
    const skewed = check('u-a', 'd-bins', friday, at('08:00') - 30 * 86_400_000);
    pushEvents(db, actor(PEOPLE.staffA), [skewed], at('18:00'));
    const row = db.select().from(events).get()!;
    expect(row).toMatchObject({ receivedAt: at('18:00'), effectiveAt: at('18:00'), clockSkewed: true });
    expect(db.select().from(dutyChecks).get()!.checkedAt).toBe(at('18:00'));
  });
});

describe('pull', () => {
  function seeded() {
    const db = smallCounty();
    pushEvents(db, actor(PEOPLE.staffA), [check('u-a', 'd-sweep', friday, at('08:30'))], at('08:31'));
    pushEvents(db, actor(PEOPLE.staffB), [check('u-b', 'd-sweep', friday, at('08:40'))], at('08:41'));
    pushEvents(db, actor(PEOPLE.staffA), [check('u-a', 'd-bins', friday, at('16:00'))], at('16:01'));
    return db;
  }
  const scope = (db: Db, person: (typeof PEOPLE)[keyof typeof PEOPLE]) => {
    const org = loadOrg(db);
    return scopeOf(person, org.zones, org.units);
  };

  it('a stored payload that does not match its kind is an error naming the row, not passed on', () => {
    const db = seeded();
    // What someone with the file could do: drop the ledger's guards and rewrite a payload.
    for (const t of db.$client.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'events'").pluck().all() as string[]) db.$client.exec(`drop trigger "${t}"`);
    db.$client.prepare(`update events set payload = '{"dutyId":42}' where seq = 2`).run();
    expect(() => pullEvents(db, { all: true }, 0, 10)).toThrow(/台账第2条记录的内容与其类型（duty.checked）不符/);
    expect(() => rebuildProjections(db)).toThrow(/台账第2条记录/);
  });

  it('returns nothing outside the caller’s scope', () => {
    const db = seeded();
    const forA = pullEvents(db, scope(db, PEOPLE.staffA), 0, 100);
    expect(forA.events.map((e) => e.unitId)).toEqual(['u-a', 'u-a']);
    const forChief2 = pullEvents(db, scope(db, PEOPLE.chief2), 0, 100);
    expect(forChief2.events.map((e) => e.unitId)).toEqual(['u-b']);
    const forDeptHead = pullEvents(db, scope(db, PEOPLE.deptHead), 0, 100);
    expect(forDeptHead.events.map((e) => e.unitId)).toEqual(['u-a', 'u-a']);
    expect(pullEvents(db, scope(db, PEOPLE.command), 0, 100).events).toHaveLength(3);
  });

  it('a one-unit scope gets its unit’s and the county-wide events in ledger order, page by page, and no other unit’s', () => {
    const db = smallCounty();
    // The holiday schedule, filed under the whole county, stored between u-a's first and second tick.
    const daySet: ClientEvent = { id: eventIdAt(at('09:00')), unitId: COUNTY_WIDE, clientTime: at('09:00'), kind: 'calendar.day_set', payload: { date: '2026-12-31', kind: 'rest', name: '元旦' } };
    pushEvents(db, actor(PEOPLE.staffA), [check('u-a', 'd-sweep', friday, at('08:30'))], at('08:31'));
    pushEvents(db, actor(PEOPLE.command), [daySet], at('09:01'));
    pushEvents(db, actor(PEOPLE.staffB), [check('u-b', 'd-sweep', friday, at('09:10'))], at('09:11'));
    pushEvents(db, actor(PEOPLE.staffA), [check('u-a', 'd-bins', friday, at('16:00')), check('u-a', 'd-corner', '2026-W48', at('17:00'))], at('17:01'));
    const s = scope(db, PEOPLE.staffA);
    expect(s.all === false && [...s.unitIds]).toEqual(['u-a']);
    const pages = [pullEvents(db, s, 0, 2)];
    while (pages[pages.length - 1].more) pages.push(pullEvents(db, s, pages[pages.length - 1].cursor, 2));
    const pulled = pages.flatMap((p) => p.events);
    expect(pulled.map((e) => [e.unitId, e.kind])).toEqual([
      ['u-a', 'duty.checked'],
      ['*', 'calendar.day_set'],
      ['u-a', 'duty.checked'],
      ['u-a', 'duty.checked'],
    ]);
    expect(pulled.map((e) => e.seq)).toEqual([...pulled.map((e) => e.seq)].sort((a, b) => a - b));
    expect(pages.map((p) => p.events.length)).toEqual([2, 2]);
    expect(pulled[1].payload).toEqual(daySet.payload);
  });

  it('pages after a cursor', () => {
    const db = seeded();
    const s = scope(db, PEOPLE.command);
    const first = pullEvents(db, s, 0, 2);
    expect(first.events).toHaveLength(2);
    expect(first.more).toBe(true);
    const second = pullEvents(db, s, first.cursor, 2);
    expect(second.events).toHaveLength(1);
    expect(second.more).toBe(false);
    expect(pullEvents(db, s, second.cursor, 2)).toEqual({ events: [], cursor: second.cursor, more: false, epoch: 0 });
  });
});

describe('projections', () => {
  it('a rebuild from the ledger reproduces the live projections exactly', () => {
    const db = smallCounty();
    const staff = actor(PEOPLE.staffA);
    const issueId = uuidv7();
    const events: ClientEvent[] = [
      check('u-a', 'd-sweep', friday, at('08:30')),
      check('u-a', 'd-bins', friday, at('17:30')),
      check('u-a', 'd-bins', friday, at('17:40'), 'duty.unchecked'),
      { id: eventIdAt(at('10:00')), unitId: 'u-a', clientTime: at('10:00'), kind: 'issue.reported', payload: { issueId, category: 'sanitation', zoneId: 'z1', gridCellId: 'g-a1', place: '人民路东段', description: '垃圾堆放', photoIds: [], source: 'self_check' } },
    ];
    pushEvents(db, staff, events, at('18:00'));
    pushEvents(db, actor(PEOPLE.inspector), [{ id: eventIdAt(at('18:10')), unitId: 'u-a', clientTime: at('18:10'), kind: 'issue.rejected', payload: { issueId, reason: '已由环卫处理' } }], at('18:11'));
    const live = { checks: db.select().from(dutyChecks).all(), issues: db.select().from(issues).all() };
    expect(live.issues[0].state).toBe('rejected');
    expect(rebuildProjections(db)).toEqual({ events: 5 });
    expect({ checks: db.select().from(dutyChecks).all(), issues: db.select().from(issues).all() }).toEqual(live);
  });
});

describe('the organisation cache', () => {
  it('is read once, and a roster change (from any connection) is seen at once', async () => {
    const { loadOrg } = await import('../../server/domain/org');
    const { units } = await import('../../server/db/schema');
    const db = smallCounty();
    const first = loadOrg(db);
    expect(loadOrg(db)).toBe(first);
    db.update(units).set({ name: '县教育和体育局' }).where(eq(units.id, 'u-a')).run();
    const after = loadOrg(db);
    expect(after).not.toBe(first);
    expect(after.unitById.get('u-a')!.name).toBe('县教育和体育局');
  });
});
