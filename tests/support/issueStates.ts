/*
 * Puts an issue into a given state through the real ledger (pushEvents with the people who may make each move),
 * so a test can try a move on it as someone else.
 */
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../server/db/open';
import { pushEvents } from '../../server/domain/ledger';
import type { ClientEvent } from '../../shared/schemas/events';
import type { IssueState } from '../../shared/issueFlow';
import { PEOPLE, STAND_IN_PHOTOS, actor } from '../server/fixtures/smallCounty';
import { givePhoto } from './photos';
import { eventIdAt } from '../../shared/eventId';

const ZONE_OF: Record<string, string> = { 'u-a': 'z1', 'u-lead': 'z1', 'u-b': 'z2' };
const STAFF_OF: Record<string, (typeof PEOPLE)[keyof typeof PEOPLE]> = { 'u-a': PEOPLE.staffA, 'u-b': PEOPLE.staffB };
export const SOME_PHOTO = STAND_IN_PHOTOS[0];

export function issueEvent(unitId: string, clientTime: number, body: Pick<ClientEvent, 'kind' | 'payload'>): ClientEvent {
  return { id: eventIdAt(clientTime), unitId, clientTime, ...body } as ClientEvent;
}

export function reportedPayload(unitId: string, source: 'self_check' | 'inspection' | 'complaint', issueId = uuidv7()) {
  return { issueId, category: 'sanitation' as const, zoneId: ZONE_OF[unitId], gridCellId: null, place: '人民路东段', description: '路边堆放建筑垃圾', photoIds: [], source };
}

/** A new issue of `unitId` in `state`, made `at` (a few minutes before the server's now). */
export function issueInState(db: Db, unitId: string, state: Extract<IssueState, 'reported' | 'assigned' | 'rectified'>, at: number, photoIds: string[] = []): string {
  const inspector = actor(PEOPLE.inspector);
  const issueId = uuidv7();
  // The inspector reports with the photos given, as if they had taken them too (see tests/support/photos.ts).
  for (const photoId of photoIds) givePhoto(db, photoId, inspector.person.id);
  pushEvents(db, inspector, [issueEvent(unitId, at, { kind: 'issue.reported', payload: { ...reportedPayload(unitId, 'inspection', issueId), photoIds } })], at);
  if (state === 'reported') return issueId;
  pushEvents(db, inspector, [issueEvent(unitId, at + 1, { kind: 'issue.assigned', payload: { issueId, unitId } })], at + 1);
  if (state === 'assigned') return issueId;
  const staff = actor(STAFF_OF[unitId]);
  pushEvents(db, staff, [issueEvent(unitId, at + 2, { kind: 'issue.rectified', payload: { issueId, note: '已清运', photoIds: [SOME_PHOTO] } })], at + 2);
  return issueId;
}
