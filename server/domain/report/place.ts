/*
 * Which units a report covers, checked against the caller's scope (shared/scope.ts): 'mine' is everything the
 * caller may see; a zone only for those who see the whole zone (its zone chief, its lead unit's head, inspectors
 * and the command center); a unit for anyone whose scope holds it; the county for county-wide roles only.
 * Staff and unit heads thus read their own unit and nothing else.
 */
import { TRPCError } from '@trpc/server';
import type { Org } from '../org';
import type { Person, Unit, Zone } from '../../../shared/schemas/org';
import type { ReportPlace } from '../../../shared/schemas/report';
import { scopeHasUnit, scopeOf, type Scope } from '../../../shared/scope';

export interface ReportUnits {
  scope: Scope;
  /** The units covered, in zone number order then name. */
  units: Unit[];
  /** The zones those units sit in, in number order. */
  zones: Zone[];
  /** A name for what is covered, e.g. 全县, 12号五小厂片区, 县教育局. */
  title: string;
}

const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message });

export function reportUnits(person: Person, org: Org, place: ReportPlace): ReportUnits {
  const scope = scopeOf(person, org.zones, org.units, org.gridCells);
  let chosen: Unit[];
  let title: string;
  if (place === 'county') {
    if (!scope.all) throw forbidden('只有督查组和创卫指挥部可以查看全县数据');
    chosen = org.units;
    title = '全县';
  } else if (place === 'mine') {
    chosen = org.units.filter((u) => scopeHasUnit(scope, u.id));
    title = scope.all ? '全县' : chosen.length === 1 ? chosen[0].name : '我负责的片区';
  } else if ('zoneId' in place) {
    const zone = org.zones.find((z) => z.id === place.zoneId);
    if (!zone) throw new TRPCError({ code: 'NOT_FOUND', message: '片区不存在' });
    if (!scope.all && !scope.zoneIds.has(zone.id)) throw forbidden(`您无权查看“${zone.name}”的数据`);
    chosen = org.units.filter((u) => u.zoneId === zone.id);
    title = zone.name;
  } else {
    const unit = org.unitById.get(place.unitId);
    if (!unit) throw new TRPCError({ code: 'NOT_FOUND', message: '单位不存在' });
    if (!scopeHasUnit(scope, unit.id)) throw forbidden(`您无权查看“${unit.name}”的数据`);
    chosen = [unit];
    title = unit.name;
  }
  const zoneNumber = new Map(org.zones.map((z) => [z.id, z.number]));
  const units = [...chosen].sort((a, b) => zoneNumber.get(a.zoneId)! - zoneNumber.get(b.zoneId)! || a.name.localeCompare(b.name, 'zh-CN'));
  const zoneIds = new Set(units.map((u) => u.zoneId));
  return { scope, units, zones: org.zones.filter((z) => zoneIds.has(z.id)), title };
}

/** Refuses a single unit the caller may not see. */
export function assertUnitInScope(scope: Scope, unit: Unit | undefined): Unit {
  if (!unit) throw new TRPCError({ code: 'NOT_FOUND', message: '单位不存在' });
  if (!scopeHasUnit(scope, unit.id)) throw forbidden(`您无权查看“${unit.name}”的数据`);
  return unit;
}
