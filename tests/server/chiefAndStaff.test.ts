/*
 * One person, a unit's 网格责任人 and a zone's 片长 at once, from a roster in the county layout
 * (tests/fixtures/county/片长兼网格责任人名单.csv): 张三 is the 网格责任人 of 县住建局's cell in 4号 and the 片长 of 3号,
 * with the same phone on both rows (typed differently). 孙八 is 5号's 片长 without a phone and a 网格责任人 of 县卫健局
 * with one: two people, and the preview says so. 赵六 is a chief and nothing else. Imported into a real SQLite file,
 * served on a real port, and tried with each person's one device.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { uuidv7 } from 'uuidv7';
import { openDb, type Db } from '../../server/db/open';
import { people, units, zones } from '../../server/db/schema';
import { importRoster, type ImportResult } from '../../server/domain/roster';
import { readRosterFile } from '../../server/domain/rosterFile';
import { summaryLines } from '../../server/domain/rosterSummary';
import { issueCodes, listPeople } from '../../server/domain/admin';
import { changeOrg } from '../../server/domain/orgChanges';
import { orgSeenBy, rolesToday } from '../../server/domain/org';
import { whoAmI } from '../../server/domain/whoami';
import { instantAt } from '../../shared/calendar';
import type { Person } from '../../shared/schemas/org';
import { eventIdAt } from '../../shared/eventId';
import type { ClientEvent } from '../../shared/schemas/events';
import { apiClient, outcome, startCountyServer, TEST_NOW, type Api, type CountyServer } from '../support/countyServer';
import { fingerprint } from '../support/dbFingerprint';

const FILE = '片长兼网格责任人名单.csv';
const IMPORTED_AT = instantAt('2026-11-27', '07:00');
const SUN_BA_NOTICE = '片长孙八与县卫健局的孙八同名但未填电话，按两人导入；如是同一人请填写电话';

const importFile = async (db: Db, options: { dryRun: true } | { at: number } = { at: IMPORTED_AT }) =>
  importRoster(db, await readRosterFile(readFileSync(`tests/fixtures/county/${FILE}`), FILE), options);

function expectOk(result: ImportResult) {
  if (!result.ok) throw new Error(`import refused:\n${result.errors.join('\n')}`);
  return result.preview;
}

function whoIs(db: Db) {
  const unitName = new Map(db.select().from(units).all().map((u) => [u.id, u.name]));
  const all = db.select().from(people).all().map((p) => ({ ...p, unitName: p.unitId ? unitName.get(p.unitId)! : null }));
  return {
    named: (name: string) => all.filter((p) => p.name === name),
    zone: (n: number) => db.select().from(zones).all().find((z) => z.number === n)!,
    unitId: (name: string) => [...unitName].find(([, n]) => n === name)![0],
  };
}

describe('importing a 片长 who is also a unit’s 网格责任人', () => {
  it('the dry run shows one person with both roles, and a namesake without a phone kept apart with a notice', async () => {
    const db = openDb(':memory:');
    const before = fingerprint(db);
    const preview = expectOk(await importFile(db, { dryRun: true }));
    expect(fingerprint(db)).toBe(before);
    const people = preview.changes.filter((c) => c.kind === 'people').map((c) => c.text);
    expect(people).toContain('张三（县住建局），责任单位工作人员，兼任3号片区片长，电话13900001111');
    expect(people.filter((t) => t.startsWith('张三'))).toHaveLength(1);
    expect(people.filter((t) => t.startsWith('孙八'))).toEqual(['孙八（片长）', '孙八（县卫健局），责任单位工作人员，电话13900005555']);
    expect(preview.counts.people.added).toBe(7);
    expect(preview.notices).toEqual([SUN_BA_NOTICE]);
    expect(summaryLines(preview)).toContain(`请留意：${SUN_BA_NOTICE}`);
  });

  it('writes one 张三, staff of 县住建局 and chief of 3号; 孙八 as two people; 赵六 a chief only; a re-import changes nothing', async () => {
    const db = openDb(':memory:');
    expectOk(await importFile(db));
    const c = whoIs(db);
    const [zhang] = c.named('张三');
    expect(c.named('张三')).toHaveLength(1);
    expect(zhang).toMatchObject({ role: 'staff', unitName: '县住建局', phone: '13900001111' });
    expect(c.zone(3).chiefPersonId).toBe(zhang.id);
    expect(c.named('孙八').map((p) => `${p.role}|${p.unitName ?? ''}`).sort()).toEqual(['staff|县卫健局', 'zone_chief|']);
    expect(c.zone(5).chiefPersonId).toBe(c.named('孙八').find((p) => p.role === 'zone_chief')!.id);
    expect(c.named('赵六')).toMatchObject([{ role: 'zone_chief', unitId: null }]);

    const before = fingerprint(db);
    const again = expectOk(await importFile(db));
    expect(again.changes).toEqual([]);
    expect(again.counts.people).toMatchObject({ added: 0, changed: 0, unchanged: 7 });
    expect(fingerprint(db)).toBe(before);
  });

  it('the people list and the code slip name both: 县住建局, 工作人员 · 3号片区片长', async () => {
    const db = openDb(':memory:');
    expectOk(await importFile(db));
    const zhang = listPeople(db).find((p) => p.name === '张三')!;
    expect(zhang).toMatchObject({ unitName: '县住建局', roleName: '责任单位工作人员 · 3号片区片长' });
    expect(listPeople(db).find((p) => p.name === '赵六')!.roleName).toBe('片长');
    const [slip] = issueCodes(db, { person: zhang.id }, IMPORTED_AT, 86_400_000)!;
    expect(slip).toMatchObject({ name: '张三', unitName: '县住建局', roleName: '责任单位工作人员 · 3号片区片长' });
  });

  it('the template layout: a 片长 row with the same name and phone as a unit person’s row makes that person chief too', async () => {
    const db = openDb(':memory:');
    const csv = [
      '片区编号,片区名称,单位,是否牵头单位,网格,网格责任人,姓名,角色,联系电话',
      '1,1号人民广场片区,县住建局,是,单位大院,王强,王强,责任单位工作人员,13900001234',
      '2,2号农贸市场片区,中心农贸市场,否,市场内场,何静,何静,责任单位工作人员,',
      '2,,,,,,王强,片长,139-0000-1234',
      '1,,,,,,何静,片长,',
    ].join('\n');
    const preview = expectOk(importRoster(db, await readRosterFile(Buffer.from(csv), '人员.csv'), { at: IMPORTED_AT }));
    expect(preview.changes.map((c) => c.text)).toContain('王强（县住建局），责任单位工作人员，兼任2号片区片长，电话13900001234');
    expect(preview.notices).toEqual(['片长何静与中心农贸市场的何静同名但未填电话，按两人导入；如是同一人请填写电话']);
    const c = whoIs(db);
    expect(c.named('王强')).toHaveLength(1);
    expect(c.zone(2).chiefPersonId).toBe(c.named('王强')[0].id);
    expect(c.named('何静')).toHaveLength(2);
  });
});

describe('the organisation of the day decides', () => {
  it('a county that listed 张三 twice (no 片长电话) becomes one 张三 once the phone is added; the chief-only entry is left, not deleted', async () => {
    const db = openDb(':memory:');
    const text = readFileSync(`tests/fixtures/county/${FILE}`, 'utf8');
    const withoutPhone = text.replace('139 0000 1111', '');
    const first = expectOk(importRoster(db, await readRosterFile(Buffer.from(withoutPhone), FILE), { at: IMPORTED_AT }));
    expect(first.notices).toContain('片长张三与县住建局的张三同名但未填电话，按两人导入；如是同一人请填写电话');
    const c = whoIs(db);
    expect(c.named('张三').map((p) => p.role).sort()).toEqual(['staff', 'zone_chief']);
    const staffZhang = c.named('张三').find((p) => p.role === 'staff')!;

    const later = instantAt('2026-11-30', '07:00');
    const second = expectOk(importRoster(db, await readRosterFile(Buffer.from(text), FILE), { at: later }));
    expect(second.changes.map((x) => x.text)).toEqual(expect.arrayContaining(['3号片区：片长由张三（片长）改为张三（县住建局）', '张三（片长）']));
    expect(whoIs(db).zone(3).chiefPersonId).toBe(staffZhang.id);
    // From the second import's day he is both; the day before, the organisation still had the other entry as chief.
    const zhang: Person = { id: staffZhang.id, name: '张三', role: 'staff', unitId: staffZhang.unitId };
    expect(rolesToday(db, zhang, later)).toEqual(['staff', 'zone_chief']);
    expect(rolesToday(db, zhang, TEST_NOW)).toEqual(['staff']);
  });

  it('a chief assignment dated later is not his yet: not his roles, his scope or his sign-in', async () => {
    const db = openDb(':memory:');
    expectOk(await importFile(db));
    const c = whoIs(db);
    const qian = c.named('钱七')[0];
    const person: Person = { id: qian.id, name: qian.name, role: 'staff', unitId: qian.unitId };
    const zone5 = c.zone(5);
    const tomorrow = instantAt('2026-11-28', '09:00');
    expect(changeOrg(db, '2026-11-28', { zones: [{ ...zone5, chiefPersonId: qian.id }] }, TEST_NOW)).toMatchObject({ ok: true });
    expect(rolesToday(db, person, TEST_NOW)).toEqual(['staff']);
    expect(whoAmI(db, person, 'd', TEST_NOW)).toMatchObject({ roles: ['staff'], chiefOf: [] });
    expect(orgSeenBy(db, person, TEST_NOW).scope).toMatchObject({ zoneIds: new Set() });
    expect(rolesToday(db, person, tomorrow)).toEqual(['staff', 'zone_chief']);
    expect(whoAmI(db, person, 'd', tomorrow)).toMatchObject({ roles: ['staff', 'zone_chief'], chiefOf: [{ id: zone5.id }] });
    expect(orgSeenBy(db, person, tomorrow).scope).toMatchObject({ zoneIds: new Set([zone5.id]) });
  });
});

describe('the one device of a 网格责任人 who is also 片长, on a real server', () => {
  let county: CountyServer;
  let zhang: Api;
  let ids: ReturnType<typeof whoIs>;
  const event = (unitId: string, body: Pick<ClientEvent, 'kind' | 'payload'>, minutesAgo = 1) => {
    const at = TEST_NOW - minutesAgo * 60_000;
    return { id: eventIdAt(at), unitId, clientTime: at, ...body } as ClientEvent;
  };
  const push = (api: Api, e: ClientEvent) => outcome(api.sync.push.mutate({ events: [e] }));
  const found = (unitId: string, zoneNumber: number, source: 'inspection' | 'self_check' = 'inspection') => ({
    kind: 'issue.reported' as const,
    payload: { issueId: uuidv7(), category: 'sanitation' as const, zoneId: ids.zone(zoneNumber).id, gridCellId: null, place: '市场北门', description: '垃圾堆放', photoIds: [], source },
  });

  beforeAll(async () => {
    county = await startCountyServer({
      county: async (file) => {
        const db = openDb(file);
        expectOk(await importFile(db));
        return db;
      },
    });
    ids = whoIs(county.db);
    zhang = apiClient(county.url, county.tokenFor(ids.named('张三')[0].id));
  });
  afterAll(() => county.close());

  it('ticks the own unit’s duties and finds, 交办s and 催办s in the zone it chiefs', async () => {
    const me = await zhang.auth.me.query();
    expect(me).toMatchObject({ roles: ['staff', 'zone_chief'], unit: { name: '县住建局' }, chiefOf: [{ name: '3号农贸市场片区' }] });
    const mine = await zhang.org.myUnit.query();
    if (mine.unchanged) throw new Error('a first read has the list');
    const daily = mine.duties.find((d) => d.cadence === 'daily')!;
    const tick = { kind: 'duty.checked' as const, payload: { dutyId: daily.id, periodKey: '2026-11-27' } };
    expect(await push(zhang, event(ids.unitId('县住建局'), tick))).toBe('ok');

    const market = ids.unitId('县市场监管局');
    const report = found(market, 3);
    expect(await push(zhang, event(market, report, 3))).toBe('ok');
    expect(await push(zhang, event(market, { kind: 'issue.assigned', payload: { issueId: report.payload.issueId, unitId: market } }, 2))).toBe('ok');
    expect(await push(zhang, event(market, { kind: 'nudge.sent', payload: { message: '请尽快完成今日保洁' } }))).toBe('ok');

    // Not another unit's duties, even in the zone he chiefs; not fixing another unit's problem.
    expect(await push(zhang, event(market, tick))).toBe(403);
    expect(await push(zhang, event(market, { kind: 'issue.rectified', payload: { issueId: report.payload.issueId, note: '已清运', photoIds: ['a'.repeat(64)] } }))).toBe(403);
  });

  it('is refused outside his unit and his zone: the other units of his own unit’s zone, and other zones', async () => {
    const water = ids.unitId('县水务局'); // 4号, where 县住建局 sits, but he does not chief it
    const health = ids.unitId('县卫健局'); // 5号
    const qian = apiClient(county.url, county.tokenFor(ids.named('钱七')[0].id));
    const own = found(water, 4, 'self_check');
    expect(await push(qian, event(water, own, 3))).toBe('ok');
    expect(await push(zhang, event(water, { kind: 'issue.assigned', payload: { issueId: own.payload.issueId, unitId: water } }))).toBe(403);
    expect(await push(zhang, event(water, { kind: 'nudge.sent', payload: { message: '请尽快完成今日保洁' } }))).toBe(403);
    expect(await push(zhang, event(health, found(health, 5)))).toBe(403);
    expect(await outcome(zhang.report.overview.query({ scope: { zoneId: ids.zone(4).id } }))).toBe(403);
  });

  it('sees his unit and the zone’s units on the dashboard’s figures, and nothing else', async () => {
    const scope = await zhang.org.scope.query();
    expect(scope.units.map((u) => u.name).sort()).toEqual(['中心农贸市场', '县住建局', '县市场监管局'].sort());
    const zone = await zhang.report.overview.query({ scope: { zoneId: ids.zone(3).id } });
    expect(zone.title).toBe('3号农贸市场片区');
    expect(zone.week.byUnit.map((u) => u.unitName).sort()).toEqual(['中心农贸市场', '县市场监管局'].sort());
    // Everything he sees at once (the dashboard's first view), named as it is: his zone, and his unit outside it.
    const mine = await zhang.report.overview.query({ scope: 'mine' });
    expect(mine.title).toBe('3号农贸市场片区、县住建局');
    expect(mine.week.byUnit.map((u) => u.unitName).sort()).toEqual(['中心农贸市场', '县住建局', '县市场监管局'].sort());
  });

  it('a chief with no unit works as before: the zone, no duty list of his own, no ticking', async () => {
    const zhao = apiClient(county.url, county.tokenFor(ids.named('赵六')[0].id));
    expect(await zhao.auth.me.query()).toMatchObject({ role: 'zone_chief', roles: ['zone_chief'], unit: null });
    expect(await outcome(zhao.org.myUnit.query())).toBe(404);
    expect((await zhao.org.scope.query()).units.map((u) => u.name).sort()).toEqual(['县住建局', '县水务局'].sort());
    const water = ids.unitId('县水务局');
    expect(await push(zhao, event(water, { kind: 'nudge.sent', payload: { message: '请尽快完成今日保洁' } }))).toBe('ok');
    expect(await push(zhao, event(ids.unitId('县市场监管局'), { kind: 'nudge.sent', payload: { message: '请尽快完成今日保洁' } }))).toBe(403);
  });
});
