import type { Db } from '../db/open';
import type { Person } from '../../shared/schemas/org';
import type { Role } from '../../shared/roles';
import { orgToday } from './org';

export interface Me {
  personId: string;
  name: string;
  role: Role;
  deviceId: string;
  unit: { id: string; name: string; zoneId: string; zoneName: string } | null;
}

/** Who the caller is today: their role, and their unit in the zone it sits in today. */
export function whoAmI(db: Db, person: Person, deviceId: string, now: number): Me {
  const org = orgToday(db, now);
  const unit = person.unitId ? org.unitById.get(person.unitId) : undefined;
  const zone = unit && org.zones.find((z) => z.id === unit.zoneId);
  return {
    personId: person.id,
    name: person.name,
    role: person.role,
    deviceId,
    unit: unit && zone ? { id: unit.id, name: unit.name, zoneId: zone.id, zoneName: zone.name } : null,
  };
}
