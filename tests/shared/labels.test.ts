/** How figures are worded where a person reads them: the register of a county document. */
import { describe, expect, it } from 'vitest';
import { percentLabel, rateChangeLabel } from '../../shared/labels';

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
