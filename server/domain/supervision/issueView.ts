/** Issues as a person reads them: the projection row with its unit and zone named, limited to the caller's scope. */
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { issues } from '../../db/schema';
import type { Org } from '../org';
import type { IssueRow } from '../../../shared/projection';
import type { Scope } from '../../../shared/scope';

export interface IssueView extends IssueRow {
  unitName: string;
  zoneName: string;
  gridCellName: string | null;
}

export function viewOf(issue: IssueRow, org: Org): IssueView {
  return {
    ...issue,
    unitName: org.unitById.get(issue.unitId)?.name ?? issue.unitId,
    zoneName: org.zones.find((z) => z.id === issue.zoneId)?.name ?? issue.zoneId,
    gridCellName: issue.gridCellId ? (org.gridCells.find((c) => c.id === issue.gridCellId)?.name ?? null) : null,
  };
}

/** Issue rows matching `where`, only those of units in `scope`. */
export function issuesInScope(db: Db, scope: Scope, where?: SQL): IssueRow[] {
  const inScope = scope.all ? undefined : inArray(issues.unitId, [...scope.unitIds]);
  return db
    .select()
    .from(issues)
    .where(and(inScope, where))
    .all();
}

export function issueById(db: Db, issueId: string): IssueRow | undefined {
  return db.select().from(issues).where(eq(issues.id, issueId)).get();
}
