/*
 * The background's side of syncing: builds the engine from the stored enrolment and makes sure only one run
 * happens at a time in this worker (a run asked for during another waits for it and then runs once more). After
 * a sync, now and then, who the device belongs to is read again (lib/enrol.ts refreshEnrolment).
 */
import { createApi, uploadPhoto } from './api';
import type { PanelDb } from './db';
import { enrolmentItem } from './enrolment';
import { runSync, type SyncOutcome } from './sync';
import { showNudge } from './nudges';
import { refreshEnrolment } from './enrol';

/** How often who the device belongs to is read again: a change of role or zone shows within minutes. */
const WHO_EVERY = 10 * 60_000;

export function createSyncService(db: PanelDb, now: () => number) {
  let running: Promise<SyncOutcome | null> | null = null;
  let again = false;
  let whoReadAt = Number.NEGATIVE_INFINITY;

  async function once(force: boolean): Promise<SyncOutcome | null> {
    const enrolment = await enrolmentItem.getValue();
    if (!enrolment) return null;
    const api = createApi(enrolment.serverUrl, enrolment.token);
    const outcome = await runSync({ db, api, now, personId: enrolment.personId, deviceId: enrolment.deviceId, uploadPhoto: (b) => uploadPhoto(enrolment.serverUrl, enrolment.token, b), onNudge: showNudge }, { force });
    if (outcome.state === 'done' && now() - whoReadAt >= WHO_EVERY) {
      whoReadAt = now();
      // Reached just now; should this read fail, the enrolment stays as it is until the next one.
      await refreshEnrolment(api, enrolment).catch(() => undefined);
    }
    return outcome;
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
