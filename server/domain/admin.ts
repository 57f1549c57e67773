/*
 * The command center's administration: the people of the county with their phones and devices, enrolment
 * codes for one person, one unit or everyone not yet enrolled (as slips to print and hand out), and devices
 * with their last sync.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/open';
import { devices, people, units, zones } from '../db/schema';
import { issueEnrolCode } from './auth';
import { roleLabel, type Role } from '../../shared/roles';

export interface PersonRow {
  id: string;
  name: string;
  role: Role;
  roleName: string;
  unitId: string | null;
  unitName: string | null;
  zoneNumber: number | null;
  phone: string | null;
  /** Devices enrolled and not revoked. */
  activeDevices: number;
}

export function listPeople(db: Db): PersonRow[] {
  const chiefOf = chiefZones(db);
  const active = new Map<string, number>();
  for (const d of db.select({ personId: devices.personId }).from(devices).where(isNull(devices.revokedAt)).all()) {
    active.set(d.personId, (active.get(d.personId) ?? 0) + 1);
  }
  return db
    .select({ id: people.id, name: people.name, role: people.role, unitId: people.unitId, unitName: units.name, zoneNumber: zones.number, phone: people.phone })
    .from(people)
    .leftJoin(units, eq(units.id, people.unitId))
    .leftJoin(zones, eq(zones.id, units.zoneId))
    .orderBy(asc(zones.number), asc(units.name), asc(people.name))
    .all()
    .map((p) => ({ ...p, role: p.role, roleName: roleLabel(p.role, chiefOf.get(p.id) ?? []), activeDevices: active.get(p.id) ?? 0 }));
}

/** The zones each person chiefs, as labels in number order (a unit's person can be a zone's 片长 too). */
function chiefZones(db: Db): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const z of db.select({ number: zones.number, chief: zones.chiefPersonId }).from(zones).orderBy(asc(zones.number)).all()) {
    if (z.chief) out.set(z.chief, [...(out.get(z.chief) ?? []), `${z.number}号片区`]);
  }
  return out;
}

export type CodeTarget = { person: string } | { unit: string } | { everyone: true };

export interface CodeSlip {
  personId: string;
  name: string;
  roleName: string;
  unitName: string | null;
  code: string;
  expiresAt: number;
}

/**
 * Codes for the people `target` names: one person always; a unit or everyone only for people with no active
 * device, so printing a sheet again never hands out codes nobody needs.
 */
export function issueCodes(db: Db, target: CodeTarget, now: number, ttl: number): CodeSlip[] | null {
  const all = listPeople(db);
  const chosen =
    'person' in target
      ? all.filter((p) => p.id === target.person)
      : all.filter((p) => p.activeDevices === 0 && ('unit' in target ? p.unitId === target.unit : true));
  if ('person' in target && !chosen.length) return null;
  if ('unit' in target && !db.select({ id: units.id }).from(units).where(eq(units.id, target.unit)).get()) return null;
  return db.transaction(() =>
    chosen.map((p) => ({ personId: p.id, name: p.name, roleName: p.roleName, unitName: p.unitName, code: issueEnrolCode(db, p.id, now, ttl), expiresAt: now + ttl })),
  );
}

export function listDevices(db: Db) {
  const chiefOf = chiefZones(db);
  return db
    .select({ id: devices.id, name: devices.name, createdAt: devices.createdAt, lastSeenAt: devices.lastSeenAt, revokedAt: devices.revokedAt, personId: people.id, personName: people.name, role: people.role, unitName: units.name })
    .from(devices)
    .innerJoin(people, eq(people.id, devices.personId))
    .leftJoin(units, eq(units.id, people.unitId))
    .orderBy(asc(devices.revokedAt), asc(units.name), asc(people.name))
    .all()
    .map((d) => ({ ...d, roleName: roleLabel(d.role, chiefOf.get(d.personId) ?? []) }));
}

/** Whether a device exists and is still active. */
export function activeDevice(db: Db, deviceId: string): boolean {
  return !!db.select({ id: devices.id }).from(devices).where(and(eq(devices.id, deviceId), isNull(devices.revokedAt))).get();
}
