/*
 * Inspection rounds (督查): a round and its findings go up in one batch; the round is filed under the first zone's
 * lead unit; zones become due again three days after their last round; a lead unit's head sees its zones' findings.
 */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { eq } from 'drizzle-orm';
import { events, inspections, issues } from '../../server/db/schema';
import { pullEvents, pushEvents, rebuildProjections } from '../../server/domain/ledger';
import { loadOrg } from '../../server/domain/org';
import { fixedClock } from '../../server/clock';
import { DAY, HOUR, instantAt } from '../../shared/calendar';
import { scopeOf } from '../../shared/scope';
import type { ClientEvent } from '../../shared/schemas/events';
import { PEOPLE, actor, smallCounty } from './fixtures/smallCounty';
import { NOW, callerFor, ev, eventCount, refusedWith, reportEvent } from './supervision.helpers';

function round(unitId: string, zoneIds: string[], startedAt = NOW - 2 * HOUR, inspectionId = uuidv7()): ClientEvent {
  return ev(unitId, NOW - HOUR, { kind: 'inspection.recorded', payload: { inspectionId, zoneIds, summary: '人民路沿线整体较好，发现2处问题', startedAt } });
}
const inspectionIdOf = (e: ClientEvent) => (e.kind === 'inspection.recorded' ? e.payload.inspectionId : '');

describe('recording a round with findings', () => {
  it('a round, its findings and their assignments land together; the finding points at the round', () => {
    const db = smallCounty();
    const r = round('u-lead', ['z1', 'z2']);
    const finding = reportEvent('u-a', NOW - HOUR, { inspectionId: inspectionIdOf(r) });
    const issueId = (finding.payload as { issueId: string }).issueId;
    const batch = [r, finding, ev('u-a', NOW - HOUR, { kind: 'issue.assigned', payload: { issueId, unitId: 'u-a' } })];
    expect(pushEvents(db, actor(PEOPLE.inspector), batch, NOW).stored).toHaveLength(3);
    expect(db.select().from(inspections).all()).toEqual([
      { id: inspectionIdOf(r), unitId: 'u-lead', zoneIds: ['z1', 'z2'], summary: '人民路沿线整体较好，发现2处问题', startedAt: NOW - 2 * HOUR, recordedAt: NOW - HOUR, inspectorId: PEOPLE.inspector.id, teamId: null, kind: null, drawSeed: null },
    ]);
    const issue = db.select().from(issues).where(eq(issues.id, issueId)).get()!;
    expect([issue.source, issue.inspectionId, issue.state]).toEqual(['inspection', inspectionIdOf(r), 'assigned']);
    // The ledger files the round in the zone it happened in.
    expect(db.select().from(events).where(eq(events.kind, 'inspection.recorded')).get()!.zoneId).toBe('z1');
  });

  it('a zone without a lead unit files its round under the zone’s first unit', () => {
    const db = smallCounty();
    expect(pushEvents(db, actor(PEOPLE.command), [round('u-b', ['z2'])], NOW).stored).toHaveLength(1);
  });

  it.each([
    ['by unit staff', PEOPLE.staffA, round('u-a', ['z1']), 'FORBIDDEN', '只有督查组或指挥部可以登记督查记录'],
    ['by a lead unit’s head', PEOPLE.deptHead, round('u-lead', ['z1']), 'FORBIDDEN', '只有督查组或指挥部可以登记督查记录'],
    ['filed under a unit that does not lead the first zone', PEOPLE.inspector, round('u-a', ['z1']), 'BAD_REQUEST', '督查记录应归入第一个片区的牵头单位'],
    ['naming a zone that does not exist', PEOPLE.inspector, round('u-lead', ['z1', 'z9']), 'NOT_FOUND', '片区“z9”不存在'],
    ['starting in the future', PEOPLE.inspector, round('u-lead', ['z1'], NOW + 2 * HOUR), 'BAD_REQUEST', '督查开始时间不能晚于提交时间'],
    ['starting weeks ago', PEOPLE.inspector, round('u-lead', ['z1'], NOW - 10 * DAY), 'BAD_REQUEST', '督查开始时间过早（超过7天）'],
  ] as const)('a round %s is refused, nothing stored', (_name, person, event, code, message) => {
    const db = smallCounty();
    const error = refusedWith(() => pushEvents(db, actor(person), [event], NOW));
    expect([error.code, error.message]).toEqual([code, `第1条记录未被接受：${message}`]);
    expect(eventCount(db)).toBe(0);
  });

  it('a finding naming a round that was never sent is refused with the rest of its batch', () => {
    const db = smallCounty();
    const r = round('u-lead', ['z1']);
    // The finding comes before its round: the round does not exist yet when the finding is checked.
    const error = refusedWith(() => pushEvents(db, actor(PEOPLE.inspector), [reportEvent('u-a', NOW, { inspectionId: inspectionIdOf(r) }), r], NOW));
    expect(error.message).toBe('第1条记录未被接受：关联的督查记录不存在，请先提交督查记录');
    expect(eventCount(db)).toBe(0);
  });

  it('a finding outside the round’s zones, or not from an inspection, cannot name the round', () => {
    const db = smallCounty();
    const r = round('u-lead', ['z1']);
    pushEvents(db, actor(PEOPLE.inspector), [r], NOW);
    const outside = refusedWith(() => pushEvents(db, actor(PEOPLE.inspector), [reportEvent('u-b', NOW, { inspectionId: inspectionIdOf(r) })], NOW));
    expect(outside.message).toBe('第1条记录未被接受：问题所在片区不在本次督查的片区中');
    const complaint = refusedWith(() => pushEvents(db, actor(PEOPLE.command), [reportEvent('u-a', NOW, { inspectionId: inspectionIdOf(r), source: 'complaint' })], NOW));
    expect(complaint.message).toBe('第1条记录未被接受：只有督查发现的问题可以关联督查记录');
  });

  it('the same round sent again is acknowledged once; a new event reusing its id is a conflict', () => {
    const db = smallCounty();
    const r = round('u-lead', ['z1']);
    pushEvents(db, actor(PEOPLE.inspector), [r], NOW);
    expect(pushEvents(db, actor(PEOPLE.inspector), [r], NOW)).toEqual({ stored: [], duplicates: [r.id] });
    const error = refusedWith(() => pushEvents(db, actor(PEOPLE.inspector), [round('u-lead', ['z1'], NOW - HOUR, inspectionIdOf(r))], NOW));
    expect([error.code, error.message]).toEqual(['CONFLICT', '第1条记录未被接受：督查记录编号重复']);
  });

  it('a rebuild restores the rounds', () => {
    const db = smallCounty();
    pushEvents(db, actor(PEOPLE.inspector), [round('u-lead', ['z1', 'z2'])], NOW);
    const live = db.select().from(inspections).all();
    rebuildProjections(db);
    expect(db.select().from(inspections).all()).toEqual(live);
  });
});

describe('zones due for inspection', () => {
  it('a zone is due three days after its last round, overdue the day after; never inspected is due now', async () => {
    const db = smallCounty();
    const monday = instantAt('2026-11-23', '09:00');
    pushEvents(db, actor(PEOPLE.inspector), [ev('u-lead', monday, { kind: 'inspection.recorded', payload: { inspectionId: uuidv7(), zoneIds: ['z1'], summary: '', startedAt: monday - HOUR } })], monday);
    const clock = fixedClock(instantAt('2026-11-25', '18:00'));
    const api = callerFor(db, PEOPLE.inspector, clock);
    const status = async () => Object.fromEntries((await api.supervision.zonesDue()).map((z) => [z.zoneId, [z.status, z.dueDate]]));
    expect(await status()).toEqual({ z1: ['ok', '2026-11-26'], z2: ['due', '2026-11-25'] });
    clock.set(instantAt('2026-11-26', '08:00'));
    expect((await status()).z1).toEqual(['due', '2026-11-26']);
    clock.set(instantAt('2026-11-27', '08:00'));
    expect((await status()).z1).toEqual(['overdue', '2026-11-26']);
    // Overdue first.
    expect((await api.supervision.zonesDue())[0].zoneId).toBe('z1');
  });

  it('the command center can make it every 5 days', async () => {
    const db = smallCounty();
    const monday = instantAt('2026-11-23', '09:00');
    pushEvents(db, actor(PEOPLE.inspector), [ev('u-lead', monday, { kind: 'inspection.recorded', payload: { inspectionId: uuidv7(), zoneIds: ['z1'], summary: '', startedAt: monday } })], monday);
    await callerFor(db, PEOPLE.command).supervision.setSettings({ inspectionEveryDays: 5 });
    const z1 = (await callerFor(db, PEOPLE.inspector).supervision.zonesDue()).find((z) => z.zoneId === 'z1')!;
    expect([z1.status, z1.dueDate, z1.lastInspectedAt]).toEqual(['ok', '2026-11-28', monday]);
  });
});

describe('copied to the zone’s lead unit', () => {
  it('the lead unit’s head pulls the findings of every unit in the zones it leads, and the rounds', () => {
    const db = smallCounty();
    const r = round('u-lead', ['z1', 'z2']);
    pushEvents(db, actor(PEOPLE.inspector), [r, reportEvent('u-a', NOW, { inspectionId: inspectionIdOf(r) }), reportEvent('u-b', NOW, { inspectionId: inspectionIdOf(r) })], NOW);
    const org = loadOrg(db);
    const pulled = pullEvents(db, scopeOf(PEOPLE.deptHead, org.zones, org.units), 0, 100).events;
    expect(pulled.map((e) => [e.kind, e.unitId])).toEqual([
      ['inspection.recorded', 'u-lead'],
      ['issue.reported', 'u-a'],
    ]);
  });
});
