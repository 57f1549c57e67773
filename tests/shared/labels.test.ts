/** How figures are worded where a person reads them: the register of a county document. */
import { describe, expect, it } from 'vitest';
import { dayNote, percentLabel, rateChangeLabel } from '../../shared/labels';
import { makeCalendar, PACKAGE_CALENDAR } from '../../shared/calendar';
import { ISSUE_SOURCE_NAMES } from '../../shared/schemas/events';

describe('the words for a change of a rate', () => {
  it.each([
    [0.912, 0.885, '提高2.7个百分点'],
    [0.8, 0.812, '下降1.2个百分点'],
    [0.9, 0.9004, '持平'],
    [null, 0.9, '—'],
    [0.9, null, '—'],
  ])('%s after %s reads %s', (now, before, expected) => {
    expect(rateChangeLabel(now, before)).toBe(expected);
  });

  it('a rate with nothing to rate is a dash, not 0.0%', () => {
    expect(percentLabel(null)).toBe('—');
  });
});

describe('what kind of day a date is', () => {
  it.each([
    ['2026-11-29', { kind: 'weekend' }], // an ordinary Sunday is 周末, not 节假日
    ['2026-10-01', { kind: 'holiday', name: '国庆节' }],
    ['2026-10-10', { kind: 'makeup_workday' }], // the Saturday worked for 国庆 (调休上班)
    ['2026-11-27', null], // an ordinary Friday needs no note
  ])('%s', (date, expected) => {
    expect(dayNote(PACKAGE_CALENDAR, date)).toEqual(expected);
  });

  it('a rest day the county entered goes by its own name', () => {
    const calendar = makeCalendar([{ date: '2026-04-20', kind: 'local_rest', name: '三月三' }]);
    expect(dayNote(calendar, '2026-04-20')).toEqual({ kind: 'county_rest', name: '三月三' });
  });
});

describe('where an issue came from', () => {
  it('names each source with its own words, none inside another (a bare 投诉 beside 群众投诉 read as the same thing)', () => {
    const names = Object.values(ISSUE_SOURCE_NAMES);
    expect(ISSUE_SOURCE_NAMES).toEqual({ self_check: '自查', inspection: '督查', complaint: '电话投诉', public: '网上投诉' });
    for (const a of names) for (const b of names) if (a !== b) expect(b.includes(a), `${b} 含有 ${a}`).toBe(false);
  });
});
