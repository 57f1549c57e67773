/*
 * Inspection teams and the kinds of round; 督查小结 for every zone a round covered; 催办 that is read.
 */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { eq } from 'drizzle-orm';
import { inspections, nudges } from '../../server/db/schema';
import { pushEvents, rebuildProjections } from '../../server/domain/ledger';
import { HOUR, MINUTE } from '../../shared/calendar';
import { PEOPLE, actor, smallCounty } from './fixtures/smallCounty';
import { NOW, callerFor, ev, refusedAsync, refusedWith } from './supervision.helpers';

const TEAM = {
  id: uuidv7(),
  name: '第一督查组',
  members: [
    { name: '刘洋', office: '县爱卫办', role: 'leader' as const },
    { name: '周敏', office: '县创卫指挥部', role: 'liaison' as const },
    { name: '吴磊', office: '县城管局', role: 'member' as const },
  ],
};

describe('inspection teams', () => {
  it('the command center sets a team up; inspectors read it', async () => {
    const db = smallCounty();
    await callerFor(db, PEOPLE.command).supervision.saveTeam(TEAM);
    expect(await callerFor(db, PEOPLE.inspector).supervision.teams()).toEqual([TEAM]);
  });

  it.each([
    ['no 组长', [{ name: '周敏', office: '县创卫指挥部', role: 'liaison' }, { name: '吴磊', office: '县城管局', role: 'member' }], '督查组须有且只有一名组长'],
    ['two 联络员', [{ name: '刘洋', office: '县爱卫办', role: 'leader' }, { name: '周敏', office: '县创卫指挥部', role: 'liaison' }, { name: '吴磊', office: '县城管局', role: 'liaison' }], '督查组须有且只有一名联络员'],
    ['a member without an office', [{ name: '刘洋', office: '', role: 'leader' }, { name: '周敏', office: '县创卫指挥部', role: 'liaison' }], '成员所在单位不能为空'],
  ])('a team with %s is refused, saying why', async (_what, members, message) => {
    const db = smallCounty();
    const err = await refusedAsync(callerFor(db, PEOPLE.command).supervision.saveTeam({ ...TEAM, members: members as typeof TEAM.members }));
    // In process the message carries zod's issues; over HTTP the error formatter turns them into this sentence.
    expect([err.code, err.message.includes(message)]).toEqual(['BAD_REQUEST', true]);
    expect(await callerFor(db, PEOPLE.command).supervision.teams()).toEqual([]);
  });

  it('two teams may not share a name', async () => {
    const db = smallCounty();
    await callerFor(db, PEOPLE.command).supervision.saveTeam(TEAM);
    const err = await refusedAsync(callerFor(db, PEOPLE.command).supervision.saveTeam({ ...TEAM, id: uuidv7() }));
    expect([err.code, err.message]).toEqual(['CONFLICT', '已有名为“第一督查组”的督查组']);
  });
});

describe('rounds of a kind, by a team', () => {
  const roundOf = (zoneIds: string[], extra: object) =>
    ev('u-lead', NOW - HOUR, { kind: 'inspection.recorded', payload: { inspectionId: uuidv7(), zoneIds, summary: '两片区整体较好', startedAt: NOW - 2 * HOUR, ...extra } });

  it('a random round records its team, kind and draw seed; a rebuild keeps them', async () => {
    const db = smallCounty();
    await callerFor(db, PEOPLE.command).supervision.saveTeam(TEAM);
    pushEvents(db, actor(PEOPLE.inspector), [roundOf(['z1', 'z2'], { teamId: TEAM.id, kind: 'random', drawSeed: 20261127 })], NOW);
    const expected = { teamId: TEAM.id, kind: 'random', drawSeed: 20261127 };
    expect(db.select({ teamId: inspections.teamId, kind: inspections.kind, drawSeed: inspections.drawSeed }).from(inspections).get()).toEqual(expected);
    rebuildProjections(db);
    expect(db.select({ teamId: inspections.teamId, kind: inspections.kind, drawSeed: inspections.drawSeed }).from(inspections).get()).toEqual(expected);
  });

  it('a round naming a team that does not exist is refused', () => {
    const db = smallCounty();
    const err = refusedWith(() => pushEvents(db, actor(PEOPLE.inspector), [roundOf(['z1'], { teamId: uuidv7(), kind: 'rolling' })], NOW));
    expect([err.code, err.message]).toEqual(['NOT_FOUND', '第1条记录未被接受：督查组不存在，请刷新后重新选择']);
  });

  it('the 督查小结 of a two-zone round reaches the lead unit of the second zone too, and not another', async () => {
    const db = smallCounty();
    // z2 has no lead unit in the small county: give it u-b's head as a lead for this test by leading with u-lead.
    db.$client.prepare("update zones set lead_unit_id = 'u-lead' where id = 'z2'").run();
    pushEvents(db, actor(PEOPLE.inspector), [ev('u-lead', NOW - HOUR, { kind: 'inspection.recorded', payload: { inspectionId: uuidv7(), zoneIds: ['z2'], summary: '二号片区督查', startedAt: NOW - 2 * HOUR } })], NOW);
    const forHead = await callerFor(db, PEOPLE.deptHead).supervision.roundSummaries();
    expect(forHead.map((r) => [r.zoneNames, r.summary])).toEqual([[['2号农贸市场片区'], '二号片区督查']]);
    expect(await callerFor(db, PEOPLE.command).supervision.roundSummaries()).toHaveLength(1);
    expect((await refusedAsync(callerFor(db, PEOPLE.chief2).supervision.roundSummaries())).code).toBe('FORBIDDEN');
  });
});

describe('a round reaches those who answer for its zones, and only them', () => {
  it('the round event is pulled by the command center and the lead unit’s head, never by the lead unit’s staff', async () => {
    const db = smallCounty();
    const leadStaff = { id: 'p-lead-staff', name: '钱进', role: 'staff' as const, unitId: 'u-lead' };
    const round = ev('u-lead', NOW - HOUR, { kind: 'inspection.recorded', payload: { inspectionId: uuidv7(), zoneIds: ['z1'], summary: '一号片区督查：后巷垃圾未清', startedAt: NOW - 2 * HOUR } });
    pushEvents(db, actor(PEOPLE.inspector), [round], NOW);
    const kindsPulledBy = async (person: Parameters<typeof callerFor>[1]) =>
      (await callerFor(db, person).sync.pull({ after: 0 })).events.filter((e) => e.unitId === 'u-lead').map((e) => e.kind);
    expect(await kindsPulledBy(PEOPLE.deptHead)).toEqual(['inspection.recorded']);
    expect(await kindsPulledBy(PEOPLE.command)).toEqual(['inspection.recorded']);
    expect(await kindsPulledBy(leadStaff)).toEqual([]);
  });
});

describe('催办 that is read', () => {
  function nudge(db: ReturnType<typeof smallCounty>) {
    const sent = ev('u-a', NOW - 10 * MINUTE, { kind: 'nudge.sent', payload: { message: '今天有2项未按时完成，请尽快落实。' } });
    pushEvents(db, actor(PEOPLE.deptHead), [sent], NOW - 10 * MINUTE);
    return sent.id;
  }
  const ack = (nudgeId: string, unitId = 'u-a', at = NOW - MINUTE) => ev(unitId, at, { kind: 'nudge.acknowledged', payload: { nudgeId } });
  const row = (db: ReturnType<typeof smallCounty>, id: string) => db.select().from(nudges).where(eq(nudges.id, id)).get()!;

  it('stays unread until the unit acknowledges it; the first acknowledgement stands, and a rebuild agrees', () => {
    const db = smallCounty();
    const id = nudge(db);
    expect(row(db, id)).toMatchObject({ unitId: 'u-a', sentBy: PEOPLE.deptHead.id, readAt: null, readBy: null });
    pushEvents(db, actor(PEOPLE.staffA), [ack(id)], NOW);
    pushEvents(db, actor(PEOPLE.headA), [ack(id, 'u-a', NOW)], NOW);
    expect(row(db, id)).toMatchObject({ readAt: NOW - MINUTE, readBy: PEOPLE.staffA.id });
    rebuildProjections(db);
    expect(row(db, id)).toMatchObject({ readAt: NOW - MINUTE, readBy: PEOPLE.staffA.id });
  });

  it('only the nudged unit acknowledges; an unknown nudge is not found', () => {
    const db = smallCounty();
    const id = nudge(db);
    const other = refusedWith(() => pushEvents(db, actor(PEOPLE.staffB), [ack(id, 'u-b')], NOW));
    expect([other.code, other.message]).toEqual(['NOT_FOUND', '第1条记录未被接受：催办不存在或不是发给本单位的']);
    const head = refusedWith(() => pushEvents(db, actor(PEOPLE.deptHead), [ack(id)], NOW));
    expect(head.code).toBe('FORBIDDEN');
    const unknown = refusedWith(() => pushEvents(db, actor(PEOPLE.staffA), [ack(uuidv7())], NOW));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(row(db, id).readAt).toBeNull();
  });
});
