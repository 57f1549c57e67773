/*
 * The side panel's local database (IndexedDB through Dexie): the unit's duty list and grid cells, the local
 * projection of the ledger (duty checks and issues, built by the same rules as the server's, shared/projection.ts),
 * the outbox of events the server has not acknowledged yet, photos waiting to be uploaded, and sync bookkeeping.
 * Everything the panel shows comes from here, so it works with no network at all.
 * Each change of the schema is a new version(n); never edit a released one.
 */
import Dexie, { type EntityTable } from 'dexie';
import { makeCalendar, type Calendar, type CountyEntry } from '../../shared/calendar';
import type { DutyCheckRow, IssueRow, NudgeRow } from '../../shared/projection';
import type { ClientEvent } from '../../shared/schemas/events';
import type { Duty, GridCell } from '../../shared/schemas/org';

export type LocalDuty = Duty & { /** Position in the list the server sent (its sortOrder). */ position: number };

export interface OutboxEntry {
  /** Auto-increment: the order events were made in, which is the order they are pushed in. */
  n?: number;
  id: string;
  event: ClientEvent;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  /** 'rejected': the server refused this one event; it stays (with the reason) for the person to see. */
  state: 'pending' | 'rejected';
}

/**
 * An event the server acknowledged, kept for a while after it left the outbox: if the server is later restored
 * from a backup older than it (a new ledger epoch), the device sends it again. `n` is its outbox position, so
 * resent events keep the order they were made in.
 */
export interface SentEntry {
  n: number;
  id: string;
  event: ClientEvent;
  sentAt: number;
}

export interface LocalPhoto {
  /** SHA-256 of the bytes (hex): the same id the server gives it, so events can name it before the upload. */
  id: string;
  /** Bytes, not a Blob: an ArrayBuffer clones the same in every IndexedDB (Blob support differs). */
  bytes: ArrayBuffer;
  type: string;
  /** 0 until the server has it; a number because IndexedDB cannot index booleans. */
  uploaded: 0 | 1;
  createdAt: number;
}

/**
 * How much room a photo the server already has takes, and when it was last shown: what the photo cache
 * (lib/photoCache.ts) evicts by. Kept apart from the bytes so the cap is checked without reading every photo.
 * A photo waiting for upload has no row here, so it is never evicted.
 */
export interface PhotoUse {
  id: string;
  size: number;
  usedAt: number;
}

/** The county's latest holiday-schedule entry for a date, as synced (calendar.day_set events). */
export interface LocalCalendarDay extends CountyEntry {
  setBy: string;
  setAt: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** A person of the unit (who ticked what). */
export interface Member {
  id: string;
  name: string;
}

export class PanelDb extends Dexie {
  duties!: EntityTable<LocalDuty, 'id'>;
  gridCells!: EntityTable<GridCell, 'id'>;
  members!: EntityTable<Member, 'id'>;
  dutyChecks!: EntityTable<DutyCheckRow, 'dutyId'>;
  issues!: EntityTable<IssueRow, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'n'>;
  sent!: EntityTable<SentEntry, 'n'>;
  photos!: EntityTable<LocalPhoto, 'id'>;
  photoUse!: EntityTable<PhotoUse, 'id'>;
  nudges!: EntityTable<NudgeRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  calendarDays!: EntityTable<LocalCalendarDay, 'date'>;

  constructor(name = 'pianqutong') {
    super(name);
    this.version(1).stores({
      duties: 'id, position',
      gridCells: 'id',
      members: 'id',
      // One row per duty and period (a date or an ISO week): the compound key is what the panel looks up.
      dutyChecks: '[dutyId+periodKey], periodKey',
      issues: 'id, state, updatedAt',
      // ++n keeps creation order; &id finds an entry when the server acknowledges (or a pull returns) it.
      outbox: '++n, &id, state',
      photos: 'id, uploaded',
      meta: 'key',
    });
    // The county's holiday schedule, kept offline so the panel knows a rest day with no network.
    this.version(2).stores({ calendarDays: 'date' });
    this.version(3).stores({ photoUse: 'id, usedAt' });
    // 催办 to this unit (or sent by this person) and whether they were read: the panel's notices, the sender's log.
    this.version(4).stores({ nudges: 'id, unitId, sentBy' });
    // What the server acknowledged, to send again after it is restored from an older backup.
    this.version(5).stores({ sent: 'n, sentAt' });
  }
}

let instance: PanelDb | null = null;

/** The one database of this extension (per browser profile). */
export function panelDb(): PanelDb {
  instance ??= new PanelDb();
  return instance;
}

/** Sync bookkeeping kept in the meta table, so a stopped service worker picks up where it was. */
export interface SyncMeta {
  cursor: number;
  lastSyncAt: number | null;
  lastError: string | null;
  /** 'offline': the server could not be reached; 'failed': it answered with an error. */
  lastErrorKind: 'offline' | 'failed' | null;
  failures: number;
  nextRetryAt: number | null;
  /** The server said the token is no longer valid (device signed out elsewhere or revoked). */
  revoked: boolean;
  /** The version of the unit's duty list, grid cells and members held here (org.myUnit's `version`). */
  unitVersion: string | null;
  /** The server's ledger epoch at the last pull (null before the first): a change means it was restored. */
  epoch: number | null;
}

export const EMPTY_SYNC_META: SyncMeta = {
  cursor: 0,
  lastSyncAt: null,
  lastError: null,
  lastErrorKind: null,
  failures: 0,
  nextRetryAt: null,
  revoked: false,
  unitVersion: null,
  epoch: null,
};

/** What the panel says once `revoked` is set: nothing syncs until this browser is enrolled again. */
export const REVOKED_NOTICE = '本设备的登记已失效，请在设置页重新登记';

export async function readSyncMeta(db: PanelDb): Promise<SyncMeta> {
  const row = await db.meta.get('sync');
  return { ...EMPTY_SYNC_META, ...(row?.value as Partial<SyncMeta> | undefined) };
}

export async function writeSyncMeta(db: PanelDb, change: Partial<SyncMeta>): Promise<SyncMeta> {
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await readSyncMeta(db)), ...change };
    await db.meta.put({ key: 'sync', value: next });
    return next;
  });
}

/** Forgets everything local (signing out, or another person enrolling in this browser). */
export async function clearLocalData(db: PanelDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });
}

/** The county's calendar as this device last synced it. */
export async function localCalendar(db: PanelDb): Promise<Calendar> {
  return makeCalendar(await db.calendarDays.toArray());
}
