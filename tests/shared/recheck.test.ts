/** When a 回头看 falls due: the setting's days after the fix, never at it; nothing to go back to before a fix. */
import { describe, expect, it } from 'vitest';
import { DAY, instantAt } from '../../shared/calendar';
import { recheckDueAt } from '../../shared/supervision';
import type { IssueState } from '../../shared/issueFlow';

const FIXED = instantAt('2026-11-20', '15:30');
const issue = (state: IssueState, rectifiedAt: number | null = FIXED) => ({ state, rectifiedAt, updatedAt: FIXED + 60_000 });

describe('recheckDueAt', () => {
  it('falls due a week after the fix, or after the days the command center set', () => {
    expect(recheckDueAt(issue('rectified'), 7)).toBe(FIXED + 7 * DAY);
    expect(recheckDueAt(issue('rectified'), 3)).toBe(FIXED + 3 * DAY);
  });

  it.each(['reported', 'assigned', 'reopened', 'verified', 'rejected'] as const)('is not due while the issue is %s', (state) => {
    expect(recheckDueAt(issue(state), 7)).toBeNull();
  });

  it('a fix without its time recorded runs from the last change', () => {
    expect(recheckDueAt(issue('rectified', null), 7)).toBe(FIXED + 60_000 + 7 * DAY);
  });
});
