/*
 * Which units a report covers, checked against the caller's scope (shared/scope.ts): 'mine' is everything the
 * caller may see; a zone only for those who see the whole zone (its zone chief, its lead unit's head, inspectors
 * and the command center); a unit for anyone whose scope holds it; the county for county-wide roles only.
 * Staff and unit heads thus read their own unit and nothing else.
 * Given the dates, the county and a zone cover the units as they were then (org.ts): a unit moved out of a zone
 * still counts in it for the days it was there, and a unit dissolved since still counts for its days.
 */
import { TRPCError } from '@trpc/server';
import { unitsBetween, type Org } from '../org';
import type { Unit, Zone } from '../../../shared/schemas/org';
import type { ReportPlace } from '../../../shared/schemas/report';
import { scopeHasUnit, type Scope } from '../../../shared/scope';

export interface ReportUnits {
  scope: Scope;
  /** The units covered, in zone number order then name. */
  units: Unit[];
  /** The zones those units sit in, in number order. */
  zones: Zone[];
  /** A name for what is covered, e.g. 全县, 12号五小厂片区, 县教育局. */
  title: string;
  /** For a zone: count the units' items only while they sat in it. */
  zoneIds?: ReadonlySet<string>;
}

const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message });

/** `scope`: what the caller sees (scopedProcedure puts it on the context). */
export function reportUnits(scope: Scope, org: Org, place: ReportPlace, dates?: { from: string; to: string }): ReportUnits {
  let chosen: Unit[];
  let title: string;
  let zoneIds: ReadonlySet<string> | undefined;
  if (place === 'county') {
    if (!scope.all) throw forbidden('只有督查组和创卫指挥部可以查看全县数据');
    chosen = dates ? unitsBetween(org, dates.from, dates.to) : org.units;
    title = '全县';
  } else if (place === 'mine') {
    chosen = org.units.filter((u) => scopeHasUnit(scope, u.id));
    title = scope.all ? '全县' : mineTitle(org, scope, chosen);
  } else if ('zoneId' in place) {
    const zone = org.zones.find((z) => z.id === place.zoneId);
    if (!zone) throw new TRPCError({ code: 'NOT_FOUND', message: '片区不存在' });
    if (!scope.all && !scope.zoneIds.has(zone.id)) throw forbidden(`您无权查看“${zone.name}”的数据`);
    chosen = dates ? unitsBetween(org, dates.from, dates.to, zone.id) : org.units.filter((u) => u.zoneId === zone.id);
    title = zone.name;
    zoneIds = new Set([zone.id]);
  } else {
    const unit = org.unitById.get(place.unitId);
    if (!unit) throw new TRPCError({ code: 'NOT_FOUND', message: '单位不存在' });
    if (!scopeHasUnit(scope, unit.id)) throw forbidden(`您无权查看“${unit.name}”的数据`);
    chosen = [unit];
    title = unit.name;
  }
  const zoneNumber = new Map(org.zones.map((z) => [z.id, z.number]));
  // In the order of the zones the units sat in at the end of the range, so a move later does not reorder the past.
  const atEnd = dates ? org.on(dates.to).unitById : org.unitById;
  const zoneOf = (u: Unit) => atEnd.get(u.id)?.zoneId ?? u.zoneId;
  const units = [...chosen].sort((a, b) => (zoneNumber.get(zoneOf(a)) ?? 0) - (zoneNumber.get(zoneOf(b)) ?? 0) || a.name.localeCompare(b.name, 'zh-CN'));
  const zonesCovered = zoneIds ?? new Set(units.map(zoneOf));
  return { scope, units, zones: org.zones.filter((z) => zonesCovered.has(z.id)), title, zoneIds };
}

/**
 * What 'mine' covers, by name (a zone chief's header names the zone, not 我负责的片区): the zones the caller sees
 * whole, then their own unit when it lies outside them (a unit's staff who is also a zone's 片长); without such
 * zones, their unit, or the zones their units lie in.
 */
function mineTitle(org: Org, scope: Extract<Scope, { all: false }>, chosen: Unit[]): string {
  if (!scope.zoneIds.size) return chosen.length === 1 ? chosen[0].name : zonesTitle(org.zones.filter((z) => chosen.some((u) => u.zoneId === z.id)).map((z) => z.name));
  const inZones = new Set([...chosen.filter((u) => scope.zoneIds.has(u.zoneId)).map((u) => u.id), ...org.gridCells.filter((c) => scope.zoneIds.has(c.zoneId)).map((c) => c.unitId)]);
  const zonesPart = zonesTitle(org.zones.filter((z) => scope.zoneIds.has(z.id)).map((z) => z.name));
  return [zonesPart, ...chosen.filter((u) => !inZones.has(u.id)).map((u) => u.name)].join('、');
}

function zonesTitle(names: string[]): string {
  return names.length <= 3 ? names.join('、') : `${names.slice(0, 2).join('、')}等${names.length}个片区`;
}

/** Refuses a single unit the caller may not see. */
export function assertUnitInScope(scope: Scope, unit: Unit | undefined): Unit {
  if (!unit) throw new TRPCError({ code: 'NOT_FOUND', message: '单位不存在' });
  if (!scopeHasUnit(scope, unit.id)) throw forbidden(`您无权查看“${unit.name}”的数据`);
  return unit;
}
