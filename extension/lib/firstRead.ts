/*
 * The side panel's first read: the enrolment from extension storage and the unit's duty list, checks, members
 * and holiday entries straight from IndexedDB, both at once, with neither Dexie nor anything else the rest of the
 * panel needs. The page draws today's list from this while Dexie and the forms load; the full panel then takes
 * over with live queries. Read-only: a database that does not exist yet is not created here (Dexie does that).
 */
import { browser } from 'wxt/browser';
import type { LocalCalendarDay, LocalDuty, Member } from './db';
import type { GridCell } from '../../shared/schemas/org';
import type { Enrolment } from './enrolment';
import { withRoles, type StoredEnrolment } from './enrolmentRoles';
import type { DutyCheckRow } from '../../shared/projection';

export interface FirstRead {
  enrolment: Enrolment | null;
  duties: LocalDuty[];
  checks: DutyCheckRow[];
  members: Member[];
  gridCells: GridCell[];
  calendarDays: LocalCalendarDay[];
}

const STORES = ['duties', 'dutyChecks', 'members', 'gridCells', 'calendarDays'] as const;
type Rows = { [K in (typeof STORES)[number]]: unknown[] };
const NOTHING: Rows = { duties: [], dutyChecks: [], members: [], gridCells: [], calendarDays: [] };

function readStores(name: string): Promise<Rows> {
  return new Promise((resolve) => {
    const open = indexedDB.open(name);
    // No database yet (a first run): leave its creation to Dexie, which knows the schema.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(NOTHING);
    open.onsuccess = () => {
      const db = open.result;
      const present = STORES.filter((s) => db.objectStoreNames.contains(s));
      if (!present.length) return db.close(), resolve(NOTHING);
      const tx = db.transaction(present, 'readonly');
      const out: Rows = { ...NOTHING };
      for (const store of present) {
        const req = tx.objectStore(store).getAll();
        req.onsuccess = () => (out[store] = req.result);
      }
      tx.oncomplete = () => (db.close(), resolve(out));
      tx.onerror = () => (db.close(), resolve(NOTHING));
    };
  });
}

export async function firstRead(dbName = 'pianqutong'): Promise<FirstRead> {
  const [stored, rows] = await Promise.all([browser.storage.local.get('enrolment'), readStores(dbName)]);
  return {
    // Read directly, so possibly from before the storage item's migration wrote it back.
    enrolment: stored.enrolment ? withRoles(stored.enrolment as StoredEnrolment) : null,
    duties: (rows.duties as LocalDuty[]).sort((a, b) => a.position - b.position),
    checks: rows.dutyChecks as DutyCheckRow[],
    members: rows.members as Member[],
    gridCells: rows.gridCells as GridCell[],
    calendarDays: rows.calendarDays as LocalCalendarDay[],
  };
}
