/** The 回头看 list for inspectors: issues waiting to be checked on the spot, soonest due first. */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { issues } from '../../db/schema';
import type { Org } from '../org';
import { issuesInScope, viewOf, type IssueView } from './issueView';
import { recheckDueAt } from '../../../shared/supervision';
import type { Scope } from '../../../shared/scope';

export interface RecheckTask extends IssueView {
  dueAt: number;
  overdue: boolean;
  /** Only a reported fix can be verified; an unfixed issue is looked at and left to escalation. */
  canVerify: boolean;
}

export function rechecksDue(db: Db, org: Org, scope: Scope, now: number): RecheckTask[] {
  return issuesInScope(db, scope, inArray(issues.state, ['assigned', 'rectified', 'reopened']))
    .flatMap((issue) => {
      const dueAt = recheckDueAt(issue);
      if (dueAt === null) return [];
      return [{ ...viewOf(issue, org), dueAt, overdue: dueAt < now, canVerify: issue.state === 'rectified' }];
    })
    .sort((a, b) => a.dueAt - b.dueAt);
}
