/*
 * Helpers for the supervision tests: a tRPC caller for any fixture person (the same router the HTTP server mounts,
 * with a controlled clock), and issues put into any state of the lifecycle through the real ledger.
 */
import { givePhoto } from '../support/photos';
import { uuidv7 } from 'uuidv7';
import { count } from 'drizzle-orm';
import { createCallerFactory } from '../../server/trpc';
import { appRouter } from '../../server/routers/_app';
import { fixedClock } from '../../server/clock';
import { silentLog } from '../../server/log';
import { createRateLimiter } from '../../server/rateLimit';
import { createPublicLimits } from '../../server/publicLimits';
import { events } from '../../server/db/schema';
import { pushEvents } from '../../server/domain/ledger';
import type { Db } from '../../server/db/open';
import type { IssueState } from '../../shared/issueFlow';
import type { Category } from '../../shared/categories';
import type { ClientEvent, IssueSource } from '../../shared/schemas/events';
import type { Person } from '../../shared/schemas/org';
import { instantAt } from '../../shared/calendar';
import { PEOPLE, actor } from './fixtures/smallCounty';
import { eventIdAt } from '../../shared/eventId';

/** Friday 27 November 2026, 10:00 in Shanghai. */
export const NOW = instantAt('2026-11-27', '10:00');
export const PHOTO = 'b'.repeat(64);
export const ZONE_OF: Record<string, string> = { 'u-a': 'z1', 'u-lead': 'z1', 'u-b': 'z2' };
export const STAFF_OF: Record<string, Person> = { 'u-a': PEOPLE.staffA, 'u-b': PEOPLE.staffB };

export function callerFor(db: Db, person: Person, clock = fixedClock(NOW)) {
  const createCaller = createCallerFactory(appRouter);
  return createCaller({
    db,
    clock,
    log: silentLog,
    dataDir: '/nonexistent',
    enrolLimiter: createRateLimiter(10, 60_000),
    publicLimits: createPublicLimits(),
    actor: actor(person),
    ip: '127.0.0.1',
  });
}

export const eventCount = (db: Db) => db.select({ n: count() }).from(events).get()!.n;

export function ev(unitId: string, clientTime: number, body: Pick<ClientEvent, 'kind' | 'payload'>): ClientEvent {
  return { id: eventIdAt(clientTime), unitId, clientTime, ...body } as ClientEvent;
}

export interface ReportOptions {
  category?: Category;
  source?: IssueSource;
  gridCellId?: string | null;
  place?: string;
  inspectionId?: string;
  photoIds?: string[];
}

export function reportEvent(unitId: string, at: number, o: ReportOptions = {}, issueId = uuidv7()): ClientEvent {
  return ev(unitId, at, {
    kind: 'issue.reported',
    payload: {
      issueId,
      category: o.category ?? 'sanitation',
      zoneId: ZONE_OF[unitId],
      gridCellId: o.gridCellId ?? null,
      place: o.place ?? '人民路东段',
      description: '路边堆放建筑垃圾',
      photoIds: o.photoIds ?? [PHOTO],
      source: o.source ?? 'inspection',
      inspectionId: o.inspectionId ?? null,
    },
  });
}

/** An issue of `unitId` walked into `state` by the people who may make each move; each step a minute apart. */
export function issueIn(db: Db, unitId: string, state: IssueState, start = NOW - 60 * 60_000, o: ReportOptions = {}): string {
  const inspector = actor(PEOPLE.inspector);
  const staff = actor(STAFF_OF[unitId]);
  const issueId = uuidv7();
  let t = start;
  const step = (who: ReturnType<typeof actor>, body: Pick<ClientEvent, 'kind' | 'payload'>) => {
    pushEvents(db, who, [ev(unitId, t, body)], t);
    t += 60_000;
  };
  for (const photoId of o.photoIds ?? []) givePhoto(db, photoId, inspector.person.id);
  pushEvents(db, inspector, [reportEvent(unitId, t, o, issueId)], t);
  t += 60_000;
  if (state === 'reported') return issueId;
  if (state === 'rejected') {
    step(inspector, { kind: 'issue.rejected', payload: { issueId, reason: '不属于本单位职责' } });
    return issueId;
  }
  step(inspector, { kind: 'issue.assigned', payload: { issueId, unitId } });
  if (state === 'assigned') return issueId;
  step(staff, { kind: 'issue.rectified', payload: { issueId, note: '已清运', photoIds: [PHOTO] } });
  if (state === 'rectified') return issueId;
  step(inspector, { kind: 'issue.verified', payload: { issueId, passed: state === 'verified', note: state === 'verified' ? '整改到位' : '仍有垃圾', photoIds: [] } });
  return issueId;
}

export { refusedAsync, refusedWith } from '../support/refusals';
