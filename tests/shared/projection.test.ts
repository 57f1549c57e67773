/*
 * Ticks keep their history (shared/projection.ts, run by the server and the extension alike): a second tick
 * changes nothing, an untick and a re-tick are both kept, and the result is the same in any arrival order.
 */
import { describe, expect, it } from 'vitest';
import { applyDutyEvent, marksOf, type DutyCheckRow } from '../../shared/projection';
import { instantAt } from '../../shared/calendar';

const PERIOD = { dutyId: 'd-sweep', periodKey: '2026-11-25' };
type Tick = { id: string; at: string; by: string; kind: 'duty.checked' | 'duty.unchecked' };

function fold(events: Tick[]): DutyCheckRow | undefined {
  let row: DutyCheckRow | undefined;
  for (const e of events) {
    row = applyDutyEvent(row, { id: e.id, unitId: 'u1', actorId: e.by, effectiveAt: instantAt('2026-11-25', e.at) }, e.kind, PERIOD) ?? row;
  }
  return row;
}

function permutations<T>(list: T[]): T[][] {
  if (list.length <= 1) return [list];
  return list.flatMap((x, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('a duty check keeps its history', () => {
  it('a second tick from a colleague changes nothing: the first, on-time completion stands with its person', () => {
    const row = fold([
      { id: 'e1', at: '08:30', by: 'p-zhang', kind: 'duty.checked' },
      { id: 'e2', at: '11:00', by: 'p-li', kind: 'duty.checked' },
    ])!;
    expect([row.checked, row.checkedAt, row.checkedBy]).toEqual([true, instantAt('2026-11-25', '08:30'), 'p-zhang']);
    expect(marksOf(row).map((m) => [m.by, m.checked])).toEqual([['p-zhang', true], ['p-li', true]]);
  });

  it('an untick then a re-tick keeps all three marks; the re-tick is the completion that counts', () => {
    const row = fold([
      { id: 'e1', at: '08:30', by: 'p-zhang', kind: 'duty.checked' },
      { id: 'e2', at: '09:10', by: 'p-li', kind: 'duty.unchecked' },
      { id: 'e3', at: '11:00', by: 'p-li', kind: 'duty.checked' },
    ])!;
    expect([row.checked, row.checkedAt, row.checkedBy]).toEqual([true, instantAt('2026-11-25', '11:00'), 'p-li']);
    expect(marksOf(row).map((m) => [m.by, m.checked])).toEqual([['p-zhang', true], ['p-li', false], ['p-li', true]]);
  });

  it('a lone first tick keeps the row small (no history kept apart)', () => {
    expect(fold([{ id: 'e1', at: '08:30', by: 'p-zhang', kind: 'duty.checked' }])!.history).toBeNull();
  });

  it('the same event twice changes nothing', () => {
    const once = fold([{ id: 'e1', at: '08:30', by: 'p-zhang', kind: 'duty.checked' }]);
    expect(applyDutyEvent(once, { id: 'e1', unitId: 'u1', actorId: 'p-zhang', effectiveAt: instantAt('2026-11-25', '08:30') }, 'duty.checked', PERIOD)).toBeUndefined();
  });

  it('gives the same row whatever order the events arrive in', () => {
    const events: Tick[] = [
      { id: 'e1', at: '08:30', by: 'p-zhang', kind: 'duty.checked' },
      { id: 'e2', at: '09:10', by: 'p-li', kind: 'duty.unchecked' },
      { id: 'e3', at: '10:00', by: 'p-wang', kind: 'duty.checked' },
      { id: 'e4', at: '11:00', by: 'p-li', kind: 'duty.checked' },
    ];
    const expected = fold(events);
    expect(expected!.checkedBy).toBe('p-wang');
    for (const order of permutations(events)) expect(fold(order)).toEqual(expected);
  });
});
