/*
 * The demo county: what `npm start` seeds into an empty database. It must look like a real county (34 zones, ~90
 * units, every role, the seven categories, issues in every state) and be honest data: every event one the server
 * would accept, and the projections exactly what a rebuild from the ledger gives.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedIfEmpty } from '../../server/seed/seedIfEmpty';
import { silentLog } from '../../server/log';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../server/db/open';
import { duties, dutyChecks, events, gridCells, issues, people, photos, units, zones } from '../../server/db/schema';
import { rebuildProjections } from '../../server/domain/ledger';
import { loadOrg } from '../../server/domain/org';
import { enrolDevice, authenticate } from '../../server/domain/auth';
import { photoPath, sniffImage } from '../../server/photoRoutes';
import { DEMO, DEMO_PEOPLE, LAGGING_UNIT_NAMES, seedDemoCounty, writeDemoPhotos, type DemoCode } from '../../server/seed/demoCounty';
import { CATEGORIES } from '../../shared/categories';
import { ISSUE_STATES, OPEN_STATES } from '../../shared/issueFlow';
import { ROLES } from '../../shared/roles';
import { ISSUE_SOURCES, clientEventSchema } from '../../shared/schemas/events';
import { PACKAGE_CALENDAR, addDays, dateKeyOf, instantAt } from '../../shared/calendar';
import { dueAt, dutyAppliesTo, dutyStatus, periodKeysBetween, periodEnd } from '../../shared/schedule';

// Friday 27 November 2026, 12:00 in Shanghai: the 60 days behind it include the National Day holiday and its 调休.
const NOW = instantAt('2026-11-27', '12:00');

let db: Db;
let codes: DemoCode[];
let seedMs: number;
let seedCpuMs: number;
beforeAll(() => {
  db = openDb(':memory:');
  const started = performance.now();
  const cpu = process.cpuUsage();
  ({ codes } = seedDemoCounty(db, NOW));
  const used = process.cpuUsage(cpu);
  seedCpuMs = (used.user + used.system) / 1000;
  seedMs = performance.now() - started;
}, 120_000); // seconds on a quiet machine; a CI box running other suites beside it can take many times that

const projections = (d: Db) => ({
  dutyChecks: d.$client.prepare('select * from duty_checks order by unit_id, duty_id, period_key').all(),
  issues: d.$client.prepare('select * from issues order by id').all(),
  inspections: d.$client.prepare('select * from inspections order by id').all(),
});

describe('the demo county', () => {
  it('on a later start is left as it is, and the start says how to get new codes for each demo person', () => {
    const zonesBefore = db.select().from(zones).all().length;
    const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      seedIfEmpty(db, NOW, silentLog);
      const text = printed.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(text).toMatch(/登记码只在首次启动时打印/);
      for (const id of Object.values(DEMO_PEOPLE)) expect(text).toContain(`npm run admin -- codes ${id}`);
    } finally {
      printed.mockRestore();
    }
    expect(db.select().from(zones).all().length).toBe(zonesBefore);
  });

  it('is seeded fast enough to run at every first start', () => {
    console.log(`demo seed: ${Math.round(seedMs)} ms wall, ${Math.round(seedCpuMs)} ms CPU, ${db.select().from(events).all().length} events`);
    // The target is under 3 s; CPU time is what the seed costs (about 1.3 s here), wall time also counts whatever
    // else a shared machine is running, so that bound is loose.
    expect(seedCpuMs).toBeLessThan(3_000);
    expect(seedMs).toBeLessThan(15_000);
  });

  it('has 34 numbered zones, each with a zone chief and a lead unit inside it whose head is a department head', () => {
    const zoneRows = db.select().from(zones).all();
    expect(zoneRows).toHaveLength(34);
    expect(zoneRows.map((z) => z.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    expect(zoneRows.find((z) => z.number === 12)!.name).toBe('12号五小厂片区');
    expect(zoneRows.find((z) => z.number === 15)!.name).toBe('15号民族团结广场片区');
    const byId = new Map(db.select().from(people).all().map((p) => [p.id, p]));
    const unitById = new Map(db.select().from(units).all().map((u) => [u.id, u]));
    for (const z of zoneRows) {
      expect(z.name).toMatch(new RegExp(`^${z.number}号.+片区$`));
      expect(byId.get(z.chiefPersonId!)?.role).toBe('zone_chief');
      expect(unitById.get(z.leadUnitId!)?.zoneId).toBe(z.id);
      const heads = [...byId.values()].filter((p) => p.unitId === z.leadUnitId && p.role === 'dept_head');
      expect(heads).toHaveLength(1);
    }
  });

  it('has about 90 units, each in one zone with 1–4 named grid cells, a head and 2–3 staff', () => {
    const unitRows = db.select().from(units).all();
    expect(unitRows.length).toBeGreaterThanOrEqual(85);
    expect(unitRows.length).toBeLessThanOrEqual(95);
    expect(unitRows.map((u) => u.name)).toEqual(expect.arrayContaining(['县住建局', '县卫健委', '县教育局', '城关镇人民政府', '县人民医院', '县第一中学']));
    const cells = db.select().from(gridCells).all();
    const everyone = db.select().from(people).all();
    for (const u of unitRows) {
      const own = cells.filter((c) => c.unitId === u.id);
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(4);
      for (const c of own) {
        expect(c.zoneId).toBe(u.zoneId);
        expect(c.personName).toMatch(/^\p{Script=Han}{2,4}$/u);
      }
      const staff = everyone.filter((p) => p.unitId === u.id && p.role === 'staff');
      const heads = everyone.filter((p) => p.unitId === u.id && (p.role === 'unit_head' || p.role === 'dept_head'));
      expect(staff.length).toBeGreaterThanOrEqual(2);
      expect(staff.length).toBeLessThanOrEqual(3);
      expect(heads).toHaveLength(1);
    }
  });

  it('has people in every role with Chinese names, about 6 inspectors and 2–3 at the command center', () => {
    const everyone = db.select().from(people).all();
    const byRole = (r: string) => everyone.filter((p) => p.role === r).length;
    for (const role of ROLES) expect(byRole(role), role).toBeGreaterThan(0);
    expect(byRole('zone_chief')).toBe(34);
    expect(byRole('inspector')).toBe(6);
    expect(byRole('command')).toBeGreaterThanOrEqual(2);
    expect(byRole('command')).toBeLessThanOrEqual(3);
    for (const p of everyone) expect(p.name).toMatch(/^\p{Script=Han}{2,4}$/u);
  });

  it('has a responsibility list across all seven categories: daily cleanings and weekly sweeps, a few for named units only', () => {
    const org = loadOrg(db);
    expect(new Set(org.duties.map((d) => d.category))).toEqual(new Set(CATEGORIES));
    const daily = org.duties.filter((d) => d.cadence === 'daily');
    const weekly = org.duties.filter((d) => d.cadence === 'weekly');
    expect(daily.length).toBeGreaterThanOrEqual(10);
    expect(weekly.length).toBeGreaterThanOrEqual(6);
    expect(weekly.filter((d) => d.dueWeekday === 5 && d.dueTime === '17:00').length).toBeGreaterThan(weekly.length / 2);
    const market = org.duties.find((d) => d.title === '农贸市场地面冲洗')!;
    expect(market.workingDaysOnly).toBe(false);
    expect(market.unitIds.map((id) => org.unitById.get(id)!.name).sort()).toEqual(['中心农贸市场', '西关农贸市场'].sort());
    expect(org.duties.filter((d) => d.unitIds.length === 0).length).toBeGreaterThan(org.duties.length / 2);
  });

  it('has issues in every state and from every source, some of them overdue', () => {
    const rows = db.select().from(issues).all();
    expect(rows.length).toBeGreaterThanOrEqual(120);
    expect(rows.length).toBeLessThanOrEqual(160);
    for (const state of ISSUE_STATES) expect(rows.filter((i) => i.state === state).length, state).toBeGreaterThan(0);
    for (const source of ISSUE_SOURCES) expect(rows.filter((i) => i.source === source).length, source).toBeGreaterThan(0);
    const open = rows.filter((i) => OPEN_STATES.includes(i.state as never));
    expect(open.filter((i) => i.deadlineAt < NOW).length).toBeGreaterThan(0);
    expect(open.filter((i) => i.deadlineAt >= NOW).length).toBeGreaterThan(0);
    expect(rows.filter((i) => i.reopenCount > 0).length).toBeGreaterThan(0);
    expect(new Set(rows.map((i) => i.zoneId)).size).toBeGreaterThan(20);
    expect(rows.filter((i) => i.source === 'inspection').every((i) => i.inspectionId)).toBe(true);
  });

  it('gives every rectified issue an after-photo that is a stored PNG, written where the photo routes read it', () => {
    const known = new Set(db.select().from(photos).all().map((p) => p.id));
    const withFix = db.select().from(issues).all().filter((i) => i.rectifiedAt !== null);
    expect(withFix.length).toBeGreaterThan(0);
    for (const i of withFix) {
      expect(i.afterPhotoIds.length).toBeGreaterThanOrEqual(1);
      for (const id of [...i.photoIds, ...i.afterPhotoIds]) expect(known.has(id)).toBe(true);
    }
    const dir = mkdtempSync(join(tmpdir(), 'pqt-photos-'));
    try {
      writeDemoPhotos(dir);
      for (const id of known) {
        const bytes = readFileSync(photoPath(dir, id));
        expect(sniffImage(bytes)).toBe('image/png');
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(id);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes 60 days of history as valid UUIDv7 events, none after now', () => {
    const rows = db.select().from(events).all();
    expect(rows.length).toBeGreaterThan(10_000);
    const bad = rows.filter((r) => {
      const parsed = clientEventSchema.safeParse({ id: r.id, unitId: r.unitId, clientTime: r.clientTime, kind: r.kind, payload: r.payload });
      return !parsed.success || r.id[14] !== '7' || r.receivedAt > NOW || r.effectiveAt > NOW || r.clockSkewed;
    });
    expect(bad).toEqual([]);
    const first = Math.min(...rows.map((r) => r.effectiveAt));
    expect(dateKeyOf(first) >= addDays(dateKeyOf(NOW), -60)).toBe(true);
    expect(rows.some((r) => r.kind === 'duty.unchecked')).toBe(true);
  });

  it('ticks only periods a duty is due in: nothing on the National Day holiday for working-day duties', () => {
    const org = loadOrg(db);
    const checks = db.select().from(dutyChecks).all();
    for (const c of checks) expect(dueAt(org.dutyById.get(c.dutyId)!, c.periodKey, PACKAGE_CALENDAR), `${c.dutyId} ${c.periodKey}`).not.toBeNull();
    expect(checks.some((c) => c.periodKey === '2026-10-02' && c.dutyId === 'duty-daily-01')).toBe(false);
    // Markets are cleaned every day, holidays included.
    expect(checks.some((c) => c.periodKey === '2026-10-02' && c.dutyId === 'duty-daily-09')).toBe(true);
  });

  it('shows a realistic mix: most periods on time, some late, about one in eight missed, lagging units far worse', () => {
    const org = loadOrg(db);
    const checked = new Map(db.select().from(dutyChecks).all().filter((c) => c.checked).map((c) => [`${c.unitId}|${c.dutyId}|${c.periodKey}`, c.checkedAt]));
    const tally = (unitIds: string[]) => {
      const counts = { on_time: 0, late: 0, missed: 0 };
      for (const duty of org.duties) {
        for (const key of periodKeysBetween(duty.cadence, addDays(dateKeyOf(NOW), -50), addDays(dateKeyOf(NOW), -8))) {
          if (periodEnd(duty.cadence, key) > NOW) continue;
          for (const unitId of unitIds) {
            if (!dutyAppliesTo(duty, unitId)) continue;
            const status = dutyStatus(duty, key, checked.get(`${unitId}|${duty.id}|${key}`) ?? null, NOW, PACKAGE_CALENDAR);
            if (status !== 'not_due') counts[status as keyof typeof counts]++;
          }
        }
      }
      const total = counts.on_time + counts.late + counts.missed;
      return { onTime: counts.on_time / total, late: counts.late / total, missed: counts.missed / total };
    };
    const lagging = org.units.filter((u) => LAGGING_UNIT_NAMES.includes(u.name)).map((u) => u.id);
    const others = tally(org.units.map((u) => u.id).filter((id) => !lagging.includes(id)));
    expect(others.onTime).toBeGreaterThan(0.72);
    expect(others.onTime).toBeLessThan(0.88);
    expect(others.late).toBeGreaterThan(0.04);
    expect(others.missed).toBeGreaterThan(0.08);
    expect(others.missed).toBeLessThan(0.17);
    expect(tally(lagging).missed).toBeGreaterThan(0.4);
  });

  it('keeps projections that equal a rebuild from the ledger exactly', () => {
    const live = projections(db);
    expect(live.dutyChecks.length).toBeGreaterThan(10_000);
    rebuildProjections(db);
    expect(projections(db)).toEqual(live);
  });

  it('is the same county for the same `now`', () => {
    const again = openDb(':memory:');
    seedDemoCounty(again, NOW);
    const eventsOf = (d: Db) => d.$client.prepare('select * from events order by seq').all();
    expect(eventsOf(again)).toEqual(eventsOf(db));
    expect(projections(again)).toEqual(projections(db));
    expect(again.select().from(people).all()).toEqual(db.select().from(people).all());
  });

  it('returns working enrolment codes for the demo people: staff, unit head, department head, zone chief, inspector, command', () => {
    const everyone = new Map(db.select().from(people).all().map((p) => [p.id, p]));
    expect(everyone.get(DEMO_PEOPLE.staff)).toMatchObject({ role: 'staff', unitId: DEMO.unitId });
    expect(everyone.get(DEMO_PEOPLE.unitHead)).toMatchObject({ role: 'unit_head', unitId: DEMO.unitId });
    expect(everyone.get(DEMO_PEOPLE.deptHead)).toMatchObject({ role: 'dept_head', unitId: DEMO.leadUnitId });
    expect(everyone.get(DEMO_PEOPLE.zoneChief)?.role).toBe('zone_chief');
    expect(everyone.get(DEMO_PEOPLE.inspector)?.role).toBe('inspector');
    expect(everyone.get(DEMO_PEOPLE.command)?.role).toBe('command');
    const zone = db.select().from(zones).all().find((z) => z.id === DEMO.zoneId)!;
    expect(zone).toMatchObject({ chiefPersonId: DEMO_PEOPLE.zoneChief, leadUnitId: DEMO.leadUnitId });
    expect(db.select().from(units).all().find((u) => u.id === DEMO.unitId)?.zoneId).toBe(DEMO.zoneId);

    expect(codes.map((c) => c.personId)).toEqual(Object.values(DEMO_PEOPLE));
    expect(codes[0]).toMatchObject({ roleName: '责任单位工作人员', unitName: '县第二中学' });
    for (const c of codes) {
      const enrolled = enrolDevice(db, c.code, '演示浏览器', NOW + 1000);
      expect(enrolled.ok).toBe(true);
      if (enrolled.ok) expect(authenticate(db, enrolled.token, NOW + 2000)?.person.id).toBe(c.personId);
    }
  });

  it('the demo unit has today\'s list: some duties ticked this morning, more still to do', () => {
    const org = loadOrg(db);
    const today = dateKeyOf(NOW);
    const mine = org.duties.filter((d) => d.cadence === 'daily' && dutyAppliesTo(d, DEMO.unitId) && dueAt(d, today, PACKAGE_CALENDAR) !== null);
    expect(mine.length).toBeGreaterThanOrEqual(6);
    const checkedToday = db.select().from(dutyChecks).all().filter((c) => c.unitId === DEMO.unitId && c.periodKey === today && c.checked);
    expect(checkedToday.length).toBeGreaterThan(0);
    // 17:00 items are not due yet at noon: the list still has something to do.
    const afternoon = mine.filter((d) => d.dueTime > '12:00');
    expect(afternoon.length).toBeGreaterThan(0);
    expect(db.select().from(duties).all().length).toBe(org.duties.length);
  });
});

afterAll(() => db?.$client.close());
