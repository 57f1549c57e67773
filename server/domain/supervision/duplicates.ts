/*
 * Duplicates and hotspots. Before a report is saved, open issues of the same category at the same place (grid
 * cell, or the zone when no cell is given) reported recently are offered for a merge. A place where issues keep
 * coming back (≥3 in 30 days) is flagged 反复出现 so the command center can look at its cause.
 */
import { and, eq, gte, ne, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { issues } from '../../db/schema';
import type { Org } from '../org';
import { issuesInScope, viewOf, type IssueView } from './issueView';
import { DAY } from '../../../shared/calendar';
import { CLOSED_STATES } from '../../../shared/issueFlow';
import { HOTSPOT_LABEL, HOTSPOT_MIN_ISSUES, HOTSPOT_WINDOW_DAYS, placeKey } from '../../../shared/supervision';
import type { Category } from '../../../shared/categories';
import type { SimilarOpenInput } from '../../../shared/schemas/supervision';
import type { Scope } from '../../../shared/scope';

export interface SimilarIssue extends IssueView {
  /** Same grid cell, or the same place text in the zone. */
  samePlace: boolean;
}

export function similarOpen(db: Db, org: Org, scope: Scope, q: SimilarOpenInput, now: number, windowDays: number): SimilarIssue[] {
  const recentOpen = issuesInScope(
    db,
    scope,
    and(
      eq(issues.zoneId, q.zoneId),
      eq(issues.category, q.category),
      notInArray(issues.state, [...CLOSED_STATES]),
      gte(issues.reportedAt, now - windowDays * DAY),
    ),
  );
  const wanted = placeKey({ zoneId: q.zoneId, gridCellId: q.gridCellId ?? null, place: q.place ?? '' });
  return recentOpen
    .filter((i) => !q.gridCellId || i.gridCellId === q.gridCellId)
    .map((i) => ({ ...viewOf(i, org), samePlace: placeKey(i) === wanted }))
    .sort((a, b) => Number(b.samePlace) - Number(a.samePlace) || b.reportedAt - a.reportedAt);
}

export interface Hotspot {
  key: string;
  label: string;
  zoneId: string;
  zoneName: string;
  gridCellId: string | null;
  gridCellName: string | null;
  /** The place as last written. */
  place: string;
  count: number;
  categories: Category[];
  issueIds: string[];
  lastReportedAt: number;
}

export function hotspots(db: Db, org: Org, scope: Scope, now: number, zoneId?: string): Hotspot[] {
  const recent = issuesInScope(
    db,
    scope,
    and(gte(issues.reportedAt, now - HOTSPOT_WINDOW_DAYS * DAY), ne(issues.state, 'rejected'), zoneId ? eq(issues.zoneId, zoneId) : undefined),
  );
  const byPlace = new Map<string, typeof recent>();
  for (const issue of recent) {
    const key = placeKey(issue);
    byPlace.set(key, [...(byPlace.get(key) ?? []), issue]);
  }
  return [...byPlace.entries()]
    .filter(([, list]) => list.length >= HOTSPOT_MIN_ISSUES)
    .map(([key, list]) => {
      const latest = list.reduce((a, b) => (b.reportedAt > a.reportedAt ? b : a));
      const view = viewOf(latest, org);
      return {
        key,
        label: HOTSPOT_LABEL,
        zoneId: latest.zoneId,
        zoneName: view.zoneName,
        gridCellId: latest.gridCellId,
        gridCellName: view.gridCellName,
        place: latest.place,
        count: list.length,
        categories: [...new Set(list.map((i) => i.category))],
        issueIds: list.map((i) => i.id),
        lastReportedAt: latest.reportedAt,
      };
    })
    .sort((a, b) => b.count - a.count || b.lastReportedAt - a.lastReportedAt);
}
