/*
 * What the event rules (eventRules.ts) look up in the database, for one sender: the issue, round, nudge and team
 * an event names, and whether the sender may cite a photo. Push and the demo seed build them the same way, so a
 * seeded event passes exactly the checks a pushed one does.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { inspections, issues, nudges } from '../db/schema';
import { photoAccess } from './photos';
import { teamExists } from './supervision/teams';
import type { InspectionLookup, IssueLookup, NudgeLookup, PhotoLookup } from './eventRules';
import type { Scope } from '../../shared/scope';
import type { Person } from '../../shared/schemas/org';

export interface RuleLookups {
  lookup: IssueLookup;
  inspection: InspectionLookup;
  photo: PhotoLookup;
  nudge: NudgeLookup;
  team(teamId: string): boolean;
}

export function ruleLookups(db: Db, person: Pick<Person, 'id' | 'role'>, scope: Scope): RuleLookups {
  return {
    lookup: (id) => db.select().from(issues).where(eq(issues.id, id)).get(),
    inspection: (id) => db.select({ zoneIds: inspections.zoneIds }).from(inspections).where(eq(inspections.id, id)).get(),
    photo: (id) => photoAccess(db, person, scope, id),
    nudge: (id) => db.select({ unitId: nudges.unitId }).from(nudges).where(eq(nudges.id, id)).get(),
    team: (id) => teamExists(db, id),
  };
}
