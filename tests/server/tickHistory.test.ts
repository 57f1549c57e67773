/*
 * Ticks keep their history, through the real push and the dashboard's drill-down: on the report county, a new
 * daily duty (公厕保洁, due 08:00) is added from today; the unit head ticks it on time, a colleague ticks it again
 * later from another device, then unticks and re-ticks it. The first completion stands until the untick; the
 * day's drill-down shows every mark with who and when, late ones marked; rebuilding from the ledger agrees.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eventIdAt } from '../../shared/eventId';
import { changeOrg } from '../../server/domain/orgChanges';
import { rebuildAndCompare } from '../../server/cli/projections';
import { instantAt } from '../../shared/calendar';
import type { Person } from '../../shared/schemas/org';
import { NOW, PEOPLE, callerFor, reportCounty, type ReportCounty } from './fixtures/reportCounty';

const TODAY = '2026-10-14';
let county: ReportCounty;

const tick = (who: Person, at: string, kind: 'duty.checked' | 'duty.unchecked' = 'duty.checked') =>
  callerFor(county.db, who, instantAt(TODAY, at)).sync.push({
    events: [{ id: eventIdAt(instantAt(TODAY, at)), unitId: 'u2', clientTime: instantAt(TODAY, at), kind, payload: { dutyId: 'd-toilet', periodKey: TODAY } }],
  });
const item = async () => (await callerFor(county.db, PEOPLE.command, NOW).report.unitDay({ unitId: 'u2', date: TODAY })).items.find((i) => i.dutyId === 'd-toilet')!;

beforeAll(() => {
  county = reportCounty();
  const added = changeOrg(county.db, TODAY, { duties: [{ id: 'd-toilet', category: 'sanitation', title: '公厕保洁', description: '', cadence: 'daily', dueTime: '08:00', dueWeekday: 5, workingDaysOnly: false, unitIds: [] }] }, instantAt(TODAY, '06:00'));
  expect(added.ok).toBe(true);
});

describe('ticks keep their history', () => {
  it('a second tick from a colleague’s device changes nothing: the first, on-time completion stands', async () => {
    await tick(PEOPLE.head2, '07:50');
    await tick(PEOPLE.staff2, '11:00');
    const i = await item();
    expect([i.status, i.checkedByName, i.checkedAt]).toEqual(['on_time', '钱进', instantAt(TODAY, '07:50')]);
    expect(i.marks).toEqual([
      { at: instantAt(TODAY, '07:50'), checked: true, byName: '钱进', late: false },
      { at: instantAt(TODAY, '11:00'), checked: true, byName: '吴芳', late: true },
    ]);
  });

  it('an untick then a re-tick is kept in the record, and the drill-down shows the whole sequence', async () => {
    await tick(PEOPLE.staff2, '11:10', 'duty.unchecked');
    await tick(PEOPLE.staff2, '11:20');
    const i = await item();
    expect([i.status, i.checkedByName, i.checkedAt]).toEqual(['late', '吴芳', instantAt(TODAY, '11:20')]);
    expect(i.marks.map((m) => [m.byName, m.checked, m.late])).toEqual([
      ['钱进', true, false],
      ['吴芳', true, true],
      ['吴芳', false, false],
      ['吴芳', true, true],
    ]);
    expect(rebuildAndCompare(county.db, false).equal).toBe(true);
  });

  it('a batch that unticks and re-ticks the same item (an offline device catching up) keeps every mark, in order', async () => {
    const at = (hhmm: string) => instantAt(TODAY, hhmm);
    const mark = (hhmm: string, kind: 'duty.checked' | 'duty.unchecked') => ({ id: eventIdAt(at(hhmm)), unitId: 'u2', clientTime: at(hhmm), kind, payload: { dutyId: 'd-toilet', periodKey: TODAY } });
    await callerFor(county.db, PEOPLE.staff2, at('11:50')).sync.push({ events: [mark('11:30', 'duty.unchecked'), mark('11:40', 'duty.checked'), mark('11:45', 'duty.checked')] });
    const i = await item();
    expect([i.status, i.checkedByName, i.checkedAt]).toEqual(['late', '吴芳', at('11:40')]);
    expect(i.marks.slice(4).map((m) => [m.at, m.checked])).toEqual([
      [at('11:30'), false],
      [at('11:40'), true],
      [at('11:45'), true],
    ]);
    expect(rebuildAndCompare(county.db, false).equal).toBe(true);
  });
});
