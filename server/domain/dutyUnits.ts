/*
 * Which units do a duty (责任清单 per unit), changed on screen by the command center: the list of units that do
 * it, where "every unit" is stored as no rows at all (so units added later get the duty too).
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open';
import { duties, dutyUnits, units } from '../db/schema';

/** Sets the units that do `dutyId`; a Chinese reason when the duty or a unit is unknown or none is left. */
export function setDutyUnits(db: Db, dutyId: string, unitIds: readonly string[]): string | null {
  if (!db.select({ id: duties.id }).from(duties).where(eq(duties.id, dutyId)).get()) return '该事项不存在';
  const wanted = [...new Set(unitIds)];
  if (!wanted.length) return '至少要有一个单位做这项工作';
  const all = db.select({ id: units.id }).from(units).all().map((u) => u.id);
  const known = new Set(db.select({ id: units.id }).from(units).where(inArray(units.id, wanted)).all().map((u) => u.id));
  const unknown = wanted.find((id) => !known.has(id));
  if (unknown) return `单位“${unknown}”不存在`;
  const owners = wanted.length === all.length ? [] : wanted;
  db.transaction((tx) => {
    tx.delete(dutyUnits).where(eq(dutyUnits.dutyId, dutyId)).run();
    if (owners.length) tx.insert(dutyUnits).values(owners.map((unitId) => ({ dutyId, unitId }))).run();
  });
  return null;
}
