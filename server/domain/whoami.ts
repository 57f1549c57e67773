import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { people, units, zones } from '../db/schema';
import type { Role } from '../../shared/roles';

export interface Me {
  personId: string;
  name: string;
  role: Role;
  deviceId: string;
  unit: { id: string; name: string; zoneId: string; zoneName: string } | null;
}

export function whoAmI(db: Db, personId: string, deviceId: string): Me {
  const person = db.select().from(people).where(eq(people.id, personId)).get()!;
  const unit = person.unitId
    ? db
        .select({ id: units.id, name: units.name, zoneId: units.zoneId, zoneName: zones.name })
        .from(units)
        .innerJoin(zones, eq(zones.id, units.zoneId))
        .where(eq(units.id, person.unitId))
        .get() ?? null
    : null;
  return { personId: person.id, name: person.name, role: person.role as Role, deviceId, unit };
}
