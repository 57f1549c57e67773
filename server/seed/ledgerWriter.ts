/*
 * Writes the demo history into the ledger the way push would: in the order the server receives events, each one
 * checked by the same rules (eventRules.refusalOf), deadline-stamped (stampDeadline), given its effective time
 * (schedule.effectiveTime), stored in `events` and applied to the projections by ledger.project(). So the seeded
 * projections equal a rebuild, and no seeded event is one the server would have refused.
 * Events go in through one prepared statement, and the tens of thousands of ticks are folded into duty_checks in
 * memory with the very rule project() applies (shared/projection.ts applyDutyEvent), then written once: going
 * through drizzle row by row would make the seed take several seconds. Issues and rounds go through project().
 */
import type { Db } from '../db/open';
import { project } from '../domain/ledger';
import { ledgerQueries } from '../domain/ledgerQueries';
import type { Org } from '../domain/org';
import { deadlineRulesOf } from '../domain/settings';
import { loadCalendar } from '../domain/calendar';
import { refusalOf } from '../domain/eventRules';
import { ruleLookups } from '../domain/ruleLookups';
import { holdPhoto, photosCited } from '../domain/photos';
import { stampDeadline } from '../domain/supervision/deadlines';
import type { ClientEvent, StoredEvent } from '../../shared/schemas/events';
import type { Person } from '../../shared/schemas/org';
import { effectiveTime } from '../../shared/schedule';
import { applyDutyEvent, type DutyCheckRow } from '../../shared/projection';
import { scopeOf, type Scope } from '../../shared/scope';
import { rolesOf, type Role } from '../../shared/roles';
import { mustGet } from '../domain/mustGet';

export interface SeedEvent {
  event: ClientEvent;
  actorId: string;
  receivedAt: number;
}

export const seedDeviceId = (personId: string) => `seed-${personId}`;

/** Stores the events in receive order; throws (naming the event) if the server's rules would refuse one. */
export function writeLedger(db: Db, org: Org, people: ReadonlyMap<string, Person>, batch: SeedEvent[]): number {
  const rules = deadlineRulesOf(db);
  const calendar = loadCalendar(db);
  const ordered = [...batch].sort((a, b) => a.receivedAt - b.receivedAt || (a.event.id < b.event.id ? -1 : 1));
  const queries = ledgerQueries(db);
  const seen = new Map<string, { scope: Scope; roles: readonly Role[] }>();
  const checks = new Map<string, DutyCheckRow>();
  for (const { event: incoming, actorId, receivedAt } of ordered) {
    const person = mustGet(people, actorId, '人员');
    let who = seen.get(actorId);
    if (!who) seen.set(actorId, (who = { scope: scopeOf(person, org.zones, org.units, org.gridCells), roles: rolesOf(person, org.zones) }));
    const { scope, roles } = who;
    const actor = { person, deviceId: seedDeviceId(actorId) };
    const { at, clockSkewed } = effectiveTime(incoming.clientTime, receivedAt);
    // The demo's people share a few demo photos: each is taken to have uploaded the ones it cites.
    for (const photoId of photosCited(incoming)) holdPhoto(db, photoId, actorId, receivedAt);
    const lookups = ruleLookups(db, person, scope);
    const refusal = refusalOf(incoming, { actor, scope, roles, org, calendar, at, ...lookups });
    if (refusal) throw new Error(`演示数据中的记录不合规则（${incoming.kind}，${person.name}）：${refusal.message}`);
    const event = stampDeadline(incoming, at, rules, lookups.lookup);
    const zoneId = event.kind === 'inspection.recorded' ? event.payload.zoneIds[0] : mustGet(org.unitById, event.unitId, '单位').zoneId;
    const seq = queries.insertEvent({
      id: event.id, kind: event.kind, unitId: event.unitId, zoneId, actorId, deviceId: actor.deviceId,
      clientTime: event.clientTime, receivedAt, effectiveAt: at, clockSkewed, payload: event.payload,
    });
    if (event.kind === 'duty.checked' || event.kind === 'duty.unchecked') {
      const key = `${event.unitId}|${event.payload.dutyId}|${event.payload.periodKey}`;
      const next = applyDutyEvent(checks.get(key), { id: event.id, unitId: event.unitId, actorId, effectiveAt: at }, event.kind, event.payload);
      if (next) checks.set(key, next);
    } else {
      const stored = { ...event, seq, actorId, deviceId: actor.deviceId, receivedAt, effectiveAt: at } as StoredEvent;
      project(db, stored, rules);
    }
  }
  for (const row of checks.values()) queries.upsertDutyCheck(row);
  return ordered.length;
}
