/*
 * The background's side of syncing: builds the engine from the stored enrolment and makes sure only one run
 * happens at a time in this worker (a run asked for during another waits for it and then runs once more).
 */
import { createApi, uploadPhoto } from './api';
import type { PanelDb } from './db';
import { enrolmentItem } from './enrolment';
import { runSync, type SyncOutcome } from './sync';
import { showNudge } from './nudges';

export function createSyncService(db: PanelDb, now: () => number) {
  let running: Promise<SyncOutcome | null> | null = null;
  let again = false;

  async function once(force: boolean): Promise<SyncOutcome | null> {
    const enrolment = await enrolmentItem.getValue();
    if (!enrolment) return null;
    const api = createApi(enrolment.serverUrl, enrolment.token);
    return runSync({ db, api, now, personId: enrolment.personId, deviceId: enrolment.deviceId, uploadPhoto: (b) => uploadPhoto(enrolment.serverUrl, enrolment.token, b), onNudge: showNudge }, { force });
  }

  return {
    /** Syncs now, or right after the run in progress. */
    async sync(force = false): Promise<SyncOutcome | null> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let outcome = await once(force);
        while (again) {
          again = false;
          outcome = await once(true);
        }
        return outcome;
      })();
      try {
        return await running;
      } finally {
        running = null;
      }
    },
  };
}
