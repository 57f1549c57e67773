/*
 * Recording what a person does here, on every page (side panel, inspect page, dashboard): each action is one
 * event (UUIDv7 id, the device's clock), put in the outbox AND applied to the local projection in one
 * transaction, so the page shows it at once and the sync engine sends it whenever the server can be reached.
 * Nothing here waits for the network: closing the page or the browser loses nothing.
 */
import type { ClientEvent, EventBody, PayloadOf } from '../../shared/schemas/events';
import type { PanelDb } from './db';
import { project, projectionTables } from './localProjection';
import { eventIdAt } from '../../shared/eventId';

/** The one way an event is made on a device: a UUIDv7 id at the device's clock, the unit, the time, what happened. */
export function newEvent(unitId: string, body: EventBody, now: number): ClientEvent {
  return { id: eventIdAt(now), unitId, clientTime: now, ...body } as ClientEvent;
}

export interface Recorder {
  /** The person acting and the unit whose records the event touches. */
  personId: string;
  unitId: string;
}

/** One event of a group recorded together: the unit whose records it touches and what happened. */
export interface Entry {
  unitId: string;
  body: EventBody;
}

/**
 * Records several events at once, in this order (an inspection round before its findings): all of them reach
 * the outbox and the projection, or none do. They are pushed in the same order.
 */
export async function recordAll(db: PanelDb, personId: string, entries: readonly Entry[], now: number): Promise<ClientEvent[]> {
  const made = entries.map(({ unitId, body }) => newEvent(unitId, body, now));
  await db.transaction('rw', [db.outbox, ...projectionTables(db)], async () => {
    for (const event of made) {
      await db.outbox.add({ id: event.id, event, createdAt: now, attempts: 0, lastError: null, state: 'pending' });
      await project(db, { ...event, actorId: personId, effectiveAt: now });
    }
  });
  return made;
}

export async function record(db: PanelDb, who: Recorder, body: EventBody, now: number): Promise<ClientEvent> {
  const [event] = await recordAll(db, who.personId, [{ unitId: who.unitId, body }], now);
  return event;
}

export function setDutyChecked(db: PanelDb, who: Recorder, payload: PayloadOf<'duty.checked'>, checked: boolean, now: number) {
  return record(db, who, { kind: checked ? 'duty.checked' : 'duty.unchecked', payload }, now);
}

/** Keeps a photo's bytes until it is uploaded; its id is the SHA-256 the server will give it. */
export async function storePhoto(db: PanelDb, blob: Blob, now: number): Promise<string> {
  const bytes = await blob.arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  const id = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  if (!(await db.photos.get(id))) await db.photos.put({ id, bytes, type: blob.type || 'image/jpeg', uploaded: 0, createdAt: now });
  return id;
}
