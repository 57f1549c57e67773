/* 时限 in working days or calendar days, across 国庆 2026 (10月1日—7日 off; 9月27日 Sunday and 10月10日 Saturday worked). */
import { describe, expect, it } from 'vitest';
import { PACKAGE_CALENDAR, instantAt, makeCalendar } from '../../shared/calendar';
import { dayCounter, deadlineRules } from '../../shared/deadlines';
import { DEFAULT_DEADLINE_DAYS } from '../../shared/categories';
import { escalationOf } from '../../shared/supervision';
import { overdueDays } from '../../shared/metrics';

const working = dayCounter('working', PACKAGE_CALENDAR);
const calendarDays = dayCounter('calendar', PACKAGE_CALENDAR);
const assigned = instantAt('2026-09-29', '10:00');

describe('a working-day deadline across 国庆', () => {
  it('3 working days from Tuesday 29 September run past the holiday to Friday 9 October, same time of day', () => {
    expect(working.after(assigned, 3)).toBe(instantAt('2026-10-09', '10:00'));
    expect(calendarDays.after(assigned, 3)).toBe(instantAt('2026-10-02', '10:00'));
  });

  it('the 调休 Saturday counts as a working day; an assignment on a holiday starts from the next working day', () => {
    expect(working.after(instantAt('2026-10-09', '10:00'), 1)).toBe(instantAt('2026-10-10', '10:00'));
    expect(working.after(instantAt('2026-10-03', '15:00'), 2)).toBe(instantAt('2026-10-09', '15:00'));
  });

  it('a county’s own rest day moves the deadline too', () => {
    const county = dayCounter('working', makeCalendar([{ date: '2026-10-09', kind: 'local_rest', name: '三月三' }]));
    expect(county.after(assigned, 3)).toBe(instantAt('2026-10-10', '10:00'));
  });

  it('overdue days count working days: none pile up over the holiday', () => {
    const deadline = instantAt('2026-09-30', '10:00');
    expect(overdueDays(deadline, deadline, working)).toBe(0);
    expect(overdueDays(deadline, instantAt('2026-09-30', '10:01'), working)).toBe(1);
    expect(overdueDays(deadline, instantAt('2026-10-07', '18:00'), working)).toBe(1);
    expect(overdueDays(deadline, instantAt('2026-10-08', '10:01'), working)).toBe(2);
    expect(overdueDays(deadline, instantAt('2026-10-07', '18:00'), calendarDays)).toBe(8);
  });

  it('escalation follows the same count: an issue due before 国庆 stays with the unit through the holiday', () => {
    const issue = { state: 'assigned' as const, deadlineAt: instantAt('2026-09-30', '10:00') };
    const during = instantAt('2026-10-07', '12:00');
    expect(escalationOf(issue, during, 1, working)).toMatchObject({ level: 'unit', index: 0 });
    expect(escalationOf(issue, during, 1, calendarDays)).toMatchObject({ level: 'commandCenter', index: 3 });
    const after = escalationOf(issue, instantAt('2026-10-08', '10:00'), 1, working);
    expect(after).toMatchObject({ level: 'leadUnit', index: 1, since: instantAt('2026-10-08', '10:00') });
  });

  it('per category, as the command center set it', () => {
    const rules = deadlineRules({ ...DEFAULT_DEADLINE_DAYS, public_facilities: 3 }, { public_facilities: 'working' }, PACKAGE_CALENDAR);
    expect(rules.deadlineAfter('public_facilities', assigned)).toBe(instantAt('2026-10-09', '10:00'));
    expect(rules.deadlineAfter('sanitation', assigned)).toBe(instantAt('2026-09-30', '10:00'));
    expect(rules.counterFor('sanitation').count).toBe('calendar');
  });
});
