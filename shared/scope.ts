/*
 * Who sees which units. Staff and unit heads: their own unit. A department head (牵头单位负责人): their own
 * unit and every unit in the zones their unit leads. A zone chief: every unit in the zones they chief, besides
 * their own unit when they also belong to one.
 * Inspectors and the command center: the whole county. Writes are narrower and checked per event.
 * A unit is in a zone when the zone is its home zone or it owns a grid cell there (units may span zones).
 */
import type { GridCell, Person, Unit, Zone } from './schemas/org';
import { may } from './permissions';

export type Scope = { all: true } | { all: false; unitIds: ReadonlySet<string>; zoneIds: ReadonlySet<string> };

/** The whole county, as the command center sees it (the 通报 covers it whoever drafts it). */
export const WHOLE_COUNTY: Scope = { all: true };

export function scopeOf(person: Person, zones: readonly Zone[], units: readonly Unit[], gridCells: readonly Pick<GridCell, 'unitId' | 'zoneId'>[] = []): Scope {
  if (may(person.role, 'county.see')) return { all: true };
  const zoneIds = new Set<string>();
  // Whoever a zone names its chief sees it, whatever their own role (a unit's staff can be a zone's 片长 too).
  for (const z of zones) if (z.chiefPersonId === person.id) zoneIds.add(z.id);
  if (person.role === 'dept_head' && person.unitId) {
    for (const z of zones) if (z.leadUnitId === person.unitId) zoneIds.add(z.id);
  }
  const unitIds = new Set<string>(units.filter((u) => zoneIds.has(u.zoneId)).map((u) => u.id));
  for (const c of gridCells) if (zoneIds.has(c.zoneId)) unitIds.add(c.unitId);
  if (person.unitId) unitIds.add(person.unitId);
  return { all: false, unitIds, zoneIds };
}

export function scopeHasUnit(scope: Scope, unitId: string): boolean {
  return scope.all || scope.unitIds.has(unitId);
}
