/*
 * Inspection teams (督查组): a name, a 组长, a 联络员 and members, each with the county office they come from.
 * Configured by the command center; a round records the team that walked it.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { inspectionTeams } from '../../db/schema';
import type { InspectionTeam } from '../../../shared/schemas/supervision';

export function teams(db: Db): InspectionTeam[] {
  return db.select().from(inspectionTeams).orderBy(asc(inspectionTeams.name)).all().map(({ id, name, members }) => ({ id, name, members }));
}

export function teamExists(db: Db, id: string): boolean {
  return db.select({ id: inspectionTeams.id }).from(inspectionTeams).where(eq(inspectionTeams.id, id)).get() !== undefined;
}

/** Adds a team or replaces one with the same id; the name must not be another team's. */
export function saveTeam(db: Db, team: InspectionTeam, at: number): { ok: true } | { ok: false; message: string } {
  const sameName = db.select({ id: inspectionTeams.id }).from(inspectionTeams).where(eq(inspectionTeams.name, team.name)).get();
  if (sameName && sameName.id !== team.id) return { ok: false, message: `已有名为“${team.name}”的督查组` };
  db.insert(inspectionTeams)
    .values({ ...team, updatedAt: at })
    .onConflictDoUpdate({ target: inspectionTeams.id, set: { name: team.name, members: team.members, updatedAt: at } })
    .run();
  return { ok: true };
}
