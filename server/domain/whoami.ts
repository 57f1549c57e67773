import type { Db } from '../db/open';
import type { Person } from '../../shared/schemas/org';
import { rolesOf, type Role } from '../../shared/roles';
import { orgToday } from './org';

export interface Me {
  personId: string;
  name: string;
  role: Role;
  /** Everything they are today: their role, and 片长 when a zone names them its chief (shared/roles.ts). */
  roles: readonly Role[];
  /** The zones that name them chief today, in number order (a unit's staff can be one's 片长 too). */
  chiefOf: { id: string; name: string }[];
  deviceId: string;
  unit: { id: string; name: string; zoneId: string; zoneName: string } | null;
}

/** Who the caller is today: their role (and 片长 of which zones), and their unit in the zone it sits in today. */
export function whoAmI(db: Db, person: Person, deviceId: string, now: number): Me {
  const org = orgToday(db, now);
  const unit = person.unitId ? org.unitById.get(person.unitId) : undefined;
  const zone = unit && org.zones.find((z) => z.id === unit.zoneId);
  return {
    personId: person.id,
    name: person.name,
    role: person.role,
    roles: rolesOf(person, org.zones),
    chiefOf: org.zones.filter((z) => z.chiefPersonId === person.id).map((z) => ({ id: z.id, name: z.name })),
    deviceId,
    unit: unit && zone ? { id: unit.id, name: unit.name, zoneId: zone.id, zoneName: zone.name } : null,
  };
}
