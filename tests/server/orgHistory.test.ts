/*
 * The organisation as it was. On the report county (today is Wednesday 14 October 2026, noon), the command
 * center adds a duty, moves a due time and moves a unit to another zone, all from today, through changeOrg. Every
 * figure of the days before today (completion for the county, each zone and each unit; the CSV; the 通报; a unit's
 * day) is exactly what it was; from today on the new organisation counts; the panel's list follows the same rule;
 * rebuilding the projections from the ledger still matches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eventIdAt } from '../../shared/eventId';
import { changeOrg } from '../../server/domain/orgChanges';
import { loadOrg } from '../../server/domain/org';
import { rebuildAndCompare } from '../../server/cli/projections';
import { instantAt } from '../../shared/calendar';
import type { Duty } from '../../shared/schemas/org';
import { refusedAsync } from '../support/refusals';
import { DUTIES, FROM, NOW, PEOPLE, UNITS, ZONES, callerFor, reportCounty, staffOf, type ReportCounty } from './fixtures/reportCounty';

const TODAY = '2026-10-14';
const PAST = { from: FROM, to: '2026-10-13' };
const NEW_DUTY: Duty = { id: 'd-toilet', category: 'sanitation', title: '公厕保洁', description: '', cadence: 'daily', dueTime: '08:00', dueWeekday: 5, workingDaysOnly: false, unitIds: [] };

let county: ReportCounty;

/** Everything a person can read about the days before today. */
async function pastFigures() {
  const api = callerFor(county.db, PEOPLE.command);
  const places = ['county' as const, ...ZONES.map((z) => ({ zoneId: z.id })), ...UNITS.map((u) => ({ unitId: u.id }))];
  return {
    completion: await Promise.all(places.map((scope) => api.report.completion({ scope, ...PAST }))),
    weekBefore: await api.report.completion({ scope: 'county', from: '2026-10-05', to: '2026-10-11' }),
    csv: (await api.export.csv({ scope: 'county', ...PAST })).base64,
    zoneCsv: (await api.export.csv({ scope: { zoneId: 'z1' }, ...PAST })).base64,
    bulletin: await api.export.bulletin({}),
    day: await api.report.unitDay({ unitId: 'u2', date: '2026-10-13' }),
  };
}

let before: Awaited<ReturnType<typeof pastFigures>>;
beforeAll(async () => {
  county = reportCounty();
  before = await pastFigures();
  const sweep = DUTIES.find((d) => d.id === 'd-sweep')!;
  const corner = DUTIES.find((d) => d.id === 'd-corner')!;
  const result = changeOrg(
    county.db,
    TODAY,
    {
      duties: [NEW_DUTY, { ...sweep, dueTime: '07:00' }, { ...corner, dueTime: '10:00' }],
      units: [{ ...UNITS.find((u) => u.id === 'u2')!, zoneId: 'z3' }],
    },
    NOW,
  );
  expect(result).toEqual({ ok: true, versions: 4 });
});

describe('changes from today leave the past alone', () => {
  it('every figure before today is exactly what it was: completion by county, zone and unit, CSV, 通报, a unit’s day', async () => {
    const after = await pastFigures();
    expect(after.completion).toEqual(before.completion);
    expect(after.weekBefore).toEqual(before.weekBefore);
    expect(after.csv).toBe(before.csv);
    expect(after.zoneCsv).toBe(before.zoneCsv);
    expect(after.bulletin).toEqual(before.bulletin);
    expect(after.day).toEqual(before.day);
  });

  it('from today the new organisation counts: the new duty is due, the sweep due at 07:00, 县教育局 in zone 3', async () => {
    const api = callerFor(county.db, PEOPLE.command);
    const today = await api.report.completion({ scope: 'county', from: TODAY, to: TODAY });
    // Six units, the new daily duty due at 08:00 and not ticked anywhere: overdue by noon.
    expect(today.total.overdue).toBeGreaterThanOrEqual(UNITS.length);
    const day = await api.report.unitDay({ unitId: 'u2', date: TODAY });
    expect(day.items.map((i) => i.dutyId)).toContain('d-toilet');
    expect(day.items.find((i) => i.dutyId === 'd-sweep')!.dueAt).toBe(instantAt(TODAY, '07:00'));
    const zone3 = await api.report.completion({ scope: { zoneId: 'z3' }, from: TODAY, to: TODAY });
    expect(zone3.byUnit.map((u) => u.unitId).sort()).toEqual(['u2', 'u5', 'u6']);
    const zone1 = await api.report.completion({ scope: { zoneId: 'z1' }, from: TODAY, to: TODAY });
    expect(zone1.byUnit.map((u) => u.unitId)).toEqual(['u1']);
    // Across the change, a zone counts the unit for its days there only.
    const span = await api.report.completion({ scope: { zoneId: 'z1' }, from: '2026-10-13', to: TODAY });
    const yesterday = await api.report.completion({ scope: { zoneId: 'z1' }, from: '2026-10-13', to: '2026-10-13' });
    const u2 = (r: typeof span) => r.byUnit.find((u) => u.unitId === 'u2')!;
    expect(u2(yesterday).due).toBeGreaterThan(0);
    // The same items; only the zone it is listed under differs (where it sat at the end of each range).
    expect({ ...u2(span), zoneId: null }).toEqual({ ...u2(yesterday), zoneId: null });
  });

  it('a weekly sweep whose due time moved mid-week is judged this week by Monday’s organisation', async () => {
    const day = await callerFor(county.db, PEOPLE.command).report.unitDay({ unitId: 'u1', date: '2026-10-16' });
    expect(day.items.find((i) => i.dutyId === 'd-corner')!.dueAt).toBe(instantAt('2026-10-16', '17:00'));
    const next = await callerFor(county.db, PEOPLE.command).report.unitDay({ unitId: 'u1', date: '2026-10-23' });
    expect(next.items.find((i) => i.dutyId === 'd-corner')!.dueAt).toBe(instantAt('2026-10-23', '10:00'));
  });

  it('the side panel gets the list the server judges by: the new duty and time today, this week’s sweep as it was', async () => {
    const mine = await callerFor(county.db, staffOf('u1')).org.myUnit({});
    if (mine.unchanged) throw new Error('a first request gets the whole list');
    const byId = new Map(mine.duties.map((d) => [d.id, d]));
    expect(byId.get('d-toilet')).toBeDefined();
    expect(byId.get('d-sweep')!.dueTime).toBe('07:00');
    expect(byId.get('d-corner')!.dueTime).toBe('17:00');
  });

  it('refuses a tick of the new duty for a day before it existed, and takes one for today', async () => {
    const api = callerFor(county.db, staffOf('u1'));
    const refused = await refusedAsync(
      api.sync.push({ events: [{ id: eventIdAt(NOW), unitId: 'u1', clientTime: NOW, kind: 'duty.checked', payload: { dutyId: 'd-toilet', periodKey: '2026-10-13' } }] }),
    );
    expect(refused.message).toMatch('不在本单位的责任清单中');
    const ok = await api.sync.push({ events: [{ id: eventIdAt(NOW), unitId: 'u1', clientTime: NOW, kind: 'duty.checked', payload: { dutyId: 'd-toilet', periodKey: TODAY } }] });
    expect(ok.stored).toHaveLength(1);
  });

  it('rebuilding the projections from the ledger still gives exactly what is live', () => {
    const report = rebuildAndCompare(county.db, false);
    expect(report.equal).toBe(true);
    expect(report.events).toBeGreaterThan(300);
  });
});

describe('changeOrg', () => {
  it('refuses a date in the past, a bad date, a cadence change and unknown references, changing nothing', () => {
    const versions = () => loadOrg(county.db).timeline;
    const was = versions();
    const sweep = DUTIES.find((d) => d.id === 'd-sweep')!;
    const past = changeOrg(county.db, '2026-10-13', { duties: [{ ...sweep, dueTime: '06:00' }] }, NOW);
    expect(past).toEqual({ ok: false, errors: ['生效日期2026-10-13早于今天（2026-10-14）：已过去的日子按当时的组织架构统计，不能改'] });
    expect(changeOrg(county.db, '2026-13-01', {}, NOW).ok).toBe(false);
    const bad = changeOrg(
      county.db,
      '2026-10-20',
      { duties: [{ ...sweep, cadence: 'weekly' }], units: [{ id: 'u9', name: '县交通局', zoneId: 'z9' }], ended: [{ kind: 'unit', id: 'u77' }] },
      NOW,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toContain('事项“门前三包区域清扫”不能改频次（已打勾的记录按原频次计）；如需改，请新建一个事项');
      expect(bad.errors).toContain('单位“县交通局”所在片区“z9”不存在');
      expect(bad.errors).toContain('要结束的单位“u77”不存在');
    }
    expect(versions()).toBe(was);
  });

  it('the same organisation again records nothing; ending a unit from a later date leaves it in every day before', async () => {
    const org = loadOrg(county.db);
    expect(changeOrg(county.db, TODAY, { duties: [NEW_DUTY], units: [org.unitById.get('u2')!] }, NOW)).toEqual({ ok: true, versions: 0 });
    expect(changeOrg(county.db, '2026-10-16', { ended: [{ kind: 'unit', id: 'u6' }] }, NOW)).toEqual({ ok: true, versions: 1 });
    const api = callerFor(county.db, PEOPLE.command);
    const week = await api.report.completion({ scope: 'county', from: '2026-10-12', to: '2026-10-18' });
    const cells = week.heat!.find((r) => r.unitId === 'u6')!.cells;
    const items = (date: string) => Object.values(cells[week.dates.indexOf(date)]).reduce((a, b) => a + b, 0);
    expect(items('2026-10-15')).toBeGreaterThan(0);
    // Saturday: its daily items are gone; the week's sweeps still count (judged by Monday's organisation).
    expect(items('2026-10-17')).toBe(0);
    expect(items('2026-10-18')).toBe(1);
    expect(loadOrg(county.db).units.map((u) => u.id)).not.toContain('u6');
    expect(loadOrg(county.db).on('2026-10-15').units.map((u) => u.id)).toContain('u6');
  });
});
