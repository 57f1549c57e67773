/*
 * Zones due for inspection (三天一督查): each zone with its last round and when the next one is due, and the
 * facts the four kinds of round plan by (shared/roundPlan.ts): open issues, places with recurring problems,
 * 回头看 due now.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import type { Org } from '../org';
import { hotspots } from './duplicates';
import { issuesInScope } from './issueView';
import { OPEN_STATES } from '../../../shared/issueFlow';
import { inspectionDue, recheckDueAt, type InspectionStatus } from '../../../shared/supervision';
import type { ZoneFacts } from '../../../shared/roundPlan';

export interface ZoneDue extends ZoneFacts {
  name: string;
  dueDate: string;
  status: InspectionStatus;
}

const URGENCY: Record<InspectionStatus, number> = { overdue: 0, due: 1, ok: 2 };

export function zonesDue(db: Db, org: Org, now: number, settings: { inspectionEveryDays: number; recheckAfterDays: number }): ZoneDue[] {
  const last = new Map(
    db
      .all<{ zoneId: string; at: number }>(
        sql`select j.value as zoneId, max(i.started_at) as at from inspections i, json_each(i.zone_ids) j group by j.value`,
      )
      .map((r) => [r.zoneId, r.at]),
  );
  const count = (map: Map<string, number>, zoneId: string) => map.set(zoneId, (map.get(zoneId) ?? 0) + 1);
  const open = new Map<string, number>();
  const rechecks = new Map<string, number>();
  for (const issue of issuesInScope(db, { all: true })) {
    if (OPEN_STATES.includes(issue.state)) count(open, issue.zoneId);
    const dueAt = recheckDueAt(issue, settings.recheckAfterDays);
    if (dueAt !== null && dueAt <= now) count(rechecks, issue.zoneId);
  }
  const spots = new Map<string, number>();
  for (const h of hotspots(db, org, { all: true }, now)) count(spots, h.zoneId);
  return org.zones
    .map((z) => {
      const lastInspectedAt = last.get(z.id) ?? null;
      return {
        zoneId: z.id,
        number: z.number,
        name: z.name,
        lastInspectedAt,
        openIssues: open.get(z.id) ?? 0,
        hotspots: spots.get(z.id) ?? 0,
        rechecksDue: rechecks.get(z.id) ?? 0,
        ...inspectionDue(lastInspectedAt, now, settings.inspectionEveryDays),
      };
    })
    .sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.dueDate.localeCompare(b.dueDate) || a.number - b.number);
}
