/*
 * Deadlines (时限) are the server's to set. When it stores a report, an assignment or a failed 回头看, it writes
 * the deadline into the event from the command center's settings (days, and whether they are working days) and the
 * county calendar in force at that moment; whatever a client put
 * there is replaced. A later change of settings, or a rebuild of the projections, never moves an existing deadline.
 */
import type { DeadlineRules } from '../../../shared/deadlines';
import type { ClientEvent } from '../../../shared/schemas/events';
import type { IssueLookup } from '../eventRules';

export function stampDeadline(event: ClientEvent, at: number, rules: DeadlineRules, lookup: IssueLookup): ClientEvent {
  switch (event.kind) {
    case 'issue.reported':
      return { ...event, payload: { ...event.payload, deadlineAt: rules.deadlineAfter(event.payload.category, at) } };
    case 'issue.assigned': {
      const issue = lookup(event.payload.issueId);
      return issue ? { ...event, payload: { ...event.payload, deadlineAt: rules.deadlineAfter(issue.category, at) } } : event;
    }
    case 'issue.verified': {
      const { deadlineAt: _ignored, ...payload } = event.payload;
      const issue = lookup(event.payload.issueId);
      if (payload.passed || !issue) return { ...event, payload };
      return { ...event, payload: { ...payload, deadlineAt: rules.deadlineAfter(issue.category, at) } };
    }
    default:
      return event;
  }
}
