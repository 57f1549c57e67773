/** Zones due for inspection (三天一督查): each zone with its last round and when the next one is due. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import type { Org } from '../org';
import { inspectionDue, type InspectionStatus } from '../../../shared/supervision';

export interface ZoneDue {
  zoneId: string;
  number: number;
  name: string;
  lastInspectedAt: number | null;
  dueDate: string;
  status: InspectionStatus;
}

const URGENCY: Record<InspectionStatus, number> = { overdue: 0, due: 1, ok: 2 };

export function zonesDue(db: Db, org: Org, now: number, everyDays: number): ZoneDue[] {
  const last = new Map(
    db
      .all<{ zoneId: string; at: number }>(
        sql`select j.value as zoneId, max(i.started_at) as at from inspections i, json_each(i.zone_ids) j group by j.value`,
      )
      .map((r) => [r.zoneId, r.at]),
  );
  return org.zones
    .map((z) => {
      const lastInspectedAt = last.get(z.id) ?? null;
      return { zoneId: z.id, number: z.number, name: z.name, lastInspectedAt, ...inspectionDue(lastInspectedAt, now, everyDays) };
    })
    .sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.dueDate.localeCompare(b.dueDate) || a.number - b.number);
}
