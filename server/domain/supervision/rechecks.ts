/*
 * The 回头看 list for inspectors: fixes waiting to be checked on the spot, by when each falls due (a setting's
 * days after the fix), and issues sent back for a redo (返工) that will come round again once redone.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { inspections, issues } from '../../db/schema';
import type { Org } from '../org';
import { issuesInScope, viewOf, type IssueView } from './issueView';
import { recheckDueAt } from '../../../shared/supervision';
import type { Scope } from '../../../shared/scope';

export interface RecheckTask extends IssueView {
  /** The team whose round found the issue, for the team filter; null for issues not found on a round. */
  teamId: string | null;
  /** When the 回头看 falls due; null while a redo (返工) is awaited. */
  dueAt: number | null;
  /** Due now or past due. */
  due: boolean;
  /** Only a reported fix can be verified; a redo awaited is shown so the team knows it is coming. */
  canVerify: boolean;
}

export function rechecksDue(db: Db, org: Org, scope: Scope, now: number, afterDays: number): RecheckTask[] {
  const teamOf = new Map(db.select({ id: inspections.id, teamId: inspections.teamId }).from(inspections).all().map((r) => [r.id, r.teamId]));
  return issuesInScope(db, scope, inArray(issues.state, ['rectified', 'reopened']))
    .map((issue) => {
      const dueAt = recheckDueAt(issue, afterDays);
      const teamId = issue.inspectionId ? (teamOf.get(issue.inspectionId) ?? null) : null;
      return { ...viewOf(issue, org), teamId, dueAt, due: dueAt !== null && dueAt <= now, canVerify: issue.state === 'rectified' };
    })
    .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.reportedAt - b.reportedAt);
}
