/*
 * Which units do a duty (责任清单 per unit), changed on screen by the command center: the list of units that do
 * it, where "every unit" is stored as no rows at all (so units added later get the duty too). A change is a new
 * version of the duty from today (orgChanges.ts): the days before keep the units they were judged by.
 */
import type { Db } from '../db/open';
import { dateKeyOf } from '../../shared/calendar';
import { changeOrg } from './orgChanges';
import { orgToday } from './org';

/** Sets the units that do `dutyId` from today on; a Chinese reason when the duty or a unit is unknown or none is left. */
export function setDutyUnits(db: Db, dutyId: string, unitIds: readonly string[], now: number): string | null {
  const org = orgToday(db, now);
  const duty = org.dutyById.get(dutyId);
  if (!duty) return '该事项不存在';
  const wanted = [...new Set(unitIds)];
  if (!wanted.length) return '至少要有一个单位做这项工作';
  const unknown = wanted.find((id) => !org.unitById.has(id));
  if (unknown) return `单位“${unknown}”不存在`;
  const owners = wanted.length === org.units.length && org.units.every((u) => wanted.includes(u.id)) ? [] : wanted;
  const result = changeOrg(db, dateKeyOf(now), { duties: [{ ...duty, unitIds: owners }] }, now);
  return result.ok ? null : result.errors.join('；');
}
