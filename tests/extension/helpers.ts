/** What the extension tests share: a fresh Dexie database per test, and a sync engine wired to a real server. */
import { uuidv7 } from 'uuidv7';
import { createApi, uploadPhoto } from '../../extension/lib/api';
import { PanelDb } from '../../extension/lib/db';
import type { SyncDeps } from '../../extension/lib/sync';

/** A database with a name of its own, so tests never see each other's data. */
export function freshDb(): PanelDb {
  return new PanelDb(`test-${uuidv7()}`);
}

export interface TestClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start: number): TestClock {
  let at = start;
  return { now: () => at, set: (ms) => (at = ms), advance: (ms) => (at += ms) };
}

export function syncDeps(db: PanelDb, serverUrl: string, token: string, personId: string, clock: TestClock): SyncDeps {
  return {
    db,
    api: createApi(serverUrl, token),
    uploadPhoto: (bytes) => uploadPhoto(serverUrl, token, bytes),
    now: clock.now,
    random: () => 0.5,
    personId,
  };
}
