/*
 * 督查小结 for the people a round reports to: the command center sees every round; a lead unit's head sees each
 * round that covered a zone their unit leads — every zone of a multi-zone round counts, not only the first.
 */
import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { inspections, inspectionTeams, issues, people } from '../../db/schema';
import type { Org } from '../org';
import type { Scope } from '../../../shared/scope';
import type { RoundKind } from '../../../shared/roundKinds';

export interface RoundSummary {
  id: string;
  zoneNames: string[];
  summary: string;
  startedAt: number;
  recordedAt: number;
  kind: RoundKind | null;
  teamName: string | null;
  inspectorName: string;
  findings: number;
}

const SHOWN = 50;

export function roundSummaries(db: Db, org: Org, scope: Scope): RoundSummary[] {
  const rows = db
    .select({ round: inspections, teamName: inspectionTeams.name, inspectorName: people.name })
    .from(inspections)
    .leftJoin(inspectionTeams, eq(inspectionTeams.id, inspections.teamId))
    .leftJoin(people, eq(people.id, inspections.inspectorId))
    .orderBy(desc(inspections.startedAt))
    .all()
    .filter(({ round }) => scope.all || round.zoneIds.some((z) => scope.zoneIds.has(z)))
    .slice(0, SHOWN);
  const zoneName = new Map(org.zones.map((z) => [z.id, z.name]));
  return rows.map(({ round, teamName, inspectorName }) => ({
    id: round.id,
    zoneNames: round.zoneIds.map((z) => zoneName.get(z) ?? z),
    summary: round.summary,
    startedAt: round.startedAt,
    recordedAt: round.recordedAt,
    kind: round.kind ?? null,
    teamName: teamName ?? null,
    inspectorName: inspectorName ?? round.inspectorId,
    findings: db.select({ n: count() }).from(issues).where(eq(issues.inspectionId, round.id)).get()?.n ?? 0,
  }));
}
