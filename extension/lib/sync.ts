/*
 * The sync engine: a plain module over an api, the local database and a clock, run by the background.
 * One run: upload waiting photos → push the outbox in creation order (batches of ≤100) → pull everything after
 * the cursor (paging while `more`) into the local projection → refresh the unit's duty list and grid cells when
 * the server's version of them differs from the one held here.
 * - A tick or untick this device made, stored as it was sent, was applied here when it was made: pulled back, it
 *   only leaves the outbox. One the server stored differently (a skewed clock judged by the receive time) is
 *   applied again, so the local projection ends up equal to the server's.
 *
 * - Push is idempotent on the server, so resending after a lost reply is safe; an id the server reports as a
 *   duplicate is acknowledged like a stored one, and a pulled event still in the outbox is acknowledged too.
 * - A batch the server refuses (4xx other than 401/429) is resent one event at a time: the bad event is kept as
 *   'rejected' with the server's Chinese message, the rest land.
 * - A failure backs off exponentially with jitter, and the next retry time is kept in IndexedDB, so a service
 *   worker stopped in between resumes the schedule. No answer at all (network down, server unreachable) retries
 *   as short probes capped at 8 s, so what is waiting lands within seconds of the server coming back; a 5xx or
 *   429 means the server is up but struggling, and backs off further (up to 2 minutes).
 * - A 401 means this device was signed out or revoked: stop until the person enrols again.
 * - Acknowledged events move from the outbox to `sent` and are kept for 90 days. A pull whose ledger epoch
 *   differs from the last one means the server was restored from a backup: everything in `sent` goes back into
 *   the outbox in its old order, the cursor goes back to 0, and the run pushes and pulls again, so the restored
 *   server gets back what this device made (push is idempotent: what the backup already had is a duplicate).
 */
import type { Api } from './api';
import { errorMessage, httpStatusOf } from './api';
import { readSyncMeta, REVOKED_NOTICE, writeSyncMeta, type PanelDb, type SyncMeta } from './db';
import { issueIdOf, project, projectionTables } from './localProjection';
import { keepUploaded } from './photoCache';
import type { StoredEvent } from '../../shared/schemas/events';
import { DAY } from '../../shared/calendar';

export const PUSH_BATCH = 100;
const PULL_PAGE = 500;
const BACKOFF_BASE = 2_000;
/** Unreachable: a probe every 4–8 s at most, so pending events land within 10 s of the server being back. */
const UNREACHABLE_MAX = 8_000;
/** Reachable but failing (5xx, 429): give the server room. */
const STRUGGLING_MAX = 2 * 60_000;

export interface SyncDeps {
  db: PanelDb;
  api: Api;
  uploadPhoto(bytes: Blob): Promise<string>;
  now(): number;
  /** 0..1, for the jitter; Math.random unless a test fixes it. */
  random?(): number;
  /** Who this device is: the actor of the events it recorded (re-applied over pulled ones). */
  personId: string;
  /** This device's id, to know its own events when they come back in a pull. */
  deviceId?: string;
  /** Events per pull request (500 unless a test wants to see the paging). */
  pullPage?: number;
  /** Told of each 催办 pulled for this unit from someone else within the last day (older ones are history). */
  onNudge?(nudge: { message: string; at: number }): Promise<void> | void;
}

const NUDGE_FRESH_FOR = 24 * 60 * 60_000;
/** How long an acknowledged event is kept to send again after a restore: longer than backups are kept for. */
const KEEP_SENT_FOR = 90 * DAY;

export type SyncOutcome =
  | { state: 'done'; pushed: number; rejected: number; pulled: number }
  | { state: 'skipped'; reason: 'backing_off' | 'revoked' }
  | { state: 'failed'; message: string; retryAt: number | null };

/**
 * Delay before retry number `failures` (1, 2, …): 2 s doubling, capped at 8 s when the server could not be reached
 * and at 2 minutes when it answered with an error, scaled by 50–100 % at random.
 */
export function backoffDelay(failures: number, random: number, unreachable = true): number {
  const cap = unreachable ? UNREACHABLE_MAX : STRUGGLING_MAX;
  const full = Math.min(BACKOFF_BASE * 2 ** Math.max(0, failures - 1), cap);
  return Math.round(full * (0.5 + random / 2));
}

type Failure = 'revoked' | 'refused' | 'retry';

function classify(error: unknown): Failure {
  const status = httpStatusOf(error);
  if (status === 401) return 'revoked';
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) return 'refused';
  return 'retry';
}

/** The server's message for one refused event, without the batch position it prefixes ("第1条记录未被接受："). */
function refusalText(error: unknown): string {
  return errorMessage(error).replace(/^第\d+条记录未被接受：/, '');
}

class Stop extends Error {
  constructor(readonly failure: Failure, readonly cause: unknown) {
    super('sync stopped');
  }
}

/** Runs one sync. `force` ignores the back-off (the person just did something and wants it sent). */
export async function runSync(deps: SyncDeps, { force = false } = {}): Promise<SyncOutcome> {
  const { db } = deps;
  const meta = await readSyncMeta(db);
  if (meta.revoked) return { state: 'skipped', reason: 'revoked' };
  if (!force && meta.nextRetryAt !== null && deps.now() < meta.nextRetryAt) return { state: 'skipped', reason: 'backing_off' };
  try {
    await uploadPhotos(deps);
    let { pushed, rejected } = await pushOutbox(deps);
    let pull = await pullAll(deps, meta);
    if (pull === 'restored') {
      // The server lost what came after its backup: what this device made goes again, then everything comes back.
      const again = await pushOutbox(deps);
      [pushed, rejected] = [pushed + again.pushed, rejected + again.rejected];
      pull = await pullAll(deps, await readSyncMeta(db));
    }
    const pulled = pull === 'restored' ? 0 : pull;
    await refreshUnit(deps, meta.unitVersion);
    await db.sent.where('sentAt').below(deps.now() - KEEP_SENT_FOR).delete();
    await writeSyncMeta(db, { lastSyncAt: deps.now(), lastError: null, lastErrorKind: null, failures: 0, nextRetryAt: null });
    return { state: 'done', pushed, rejected, pulled };
  } catch (error) {
    const failure = error instanceof Stop ? error.failure : classify(error);
    const cause = error instanceof Stop ? error.cause : error;
    if (failure === 'revoked') {
      await writeSyncMeta(db, { revoked: true, lastError: REVOKED_NOTICE, lastErrorKind: 'failed', nextRetryAt: null });
      return { state: 'failed', message: REVOKED_NOTICE, retryAt: null };
    }
    const failures = (await readSyncMeta(db)).failures + 1;
    const offline = httpStatusOf(cause) === undefined;
    const retryAt = deps.now() + backoffDelay(failures, (deps.random ?? Math.random)(), offline);
    const message = errorMessage(cause);
    await writeSyncMeta(db, { lastError: message, lastErrorKind: offline ? 'offline' : 'failed', failures, nextRetryAt: retryAt });
    return { state: 'failed', message, retryAt };
  }
}

async function uploadPhotos({ db, uploadPhoto, now }: SyncDeps): Promise<void> {
  for (const photo of await db.photos.where('uploaded').equals(0).toArray()) {
    try {
      await uploadPhoto(new Blob([photo.bytes], { type: photo.type }));
      await keepUploaded(db, photo.id, photo.bytes.byteLength, now());
    } catch (error) {
      const failure = classify(error);
      if (failure !== 'refused') throw new Stop(failure, error);
      // The server will never take this photo: the events that show it cannot land either; say why on them.
      const message = `照片未被接受：${errorMessage(error)}`;
      await db.transaction('rw', [db.outbox, db.photos], async () => {
        await db.outbox
          .filter((o) => o.state === 'pending' && ((o.event.payload as { photoIds?: string[] }).photoIds ?? []).includes(photo.id))
          .modify({ state: 'rejected', lastError: message });
        await db.photos.delete(photo.id);
      });
    }
  }
}

/** The server has these: out of the outbox, into `sent`. */
async function acknowledge(db: PanelDb, ids: readonly string[], now: number): Promise<void> {
  if (!ids.length) return;
  await db.transaction('rw', [db.outbox, db.sent], () => settle(db, ids, now));
}

/** Inside a transaction over outbox and sent. */
async function settle(db: PanelDb, ids: readonly string[], now: number): Promise<void> {
  const entries = await db.outbox.where('id').anyOf(ids).toArray();
  if (!entries.length) return;
  await db.sent.bulkPut(entries.map((o) => ({ n: o.n!, id: o.id, event: o.event, sentAt: now })));
  await db.outbox.bulkDelete(entries.map((o) => o.n!));
}

/** The server was restored from a backup: everything acknowledged goes back into the outbox, and pulls restart. */
async function startOver(db: PanelDb, epoch: number): Promise<void> {
  await db.transaction('rw', [db.outbox, db.sent, db.meta], async () => {
    const sent = await db.sent.toArray();
    await db.outbox.bulkPut(sent.map((s) => ({ n: s.n, id: s.id, event: s.event, createdAt: s.event.clientTime, attempts: 0, lastError: null, state: 'pending' as const })));
    await db.sent.clear();
    await writeSyncMeta(db, { cursor: 0, epoch });
  });
}

async function pushOutbox(deps: SyncDeps): Promise<{ pushed: number; rejected: number }> {
  const { db, api } = deps;
  let pushed = 0;
  let rejected = 0;
  for (;;) {
    // Creation order (the auto-increment key), pending only; rejected ones stay put for the person to see.
    const batch = (await db.outbox.orderBy('n').filter((o) => o.state === 'pending').limit(PUSH_BATCH).toArray());
    if (batch.length === 0) return { pushed, rejected };
    try {
      const res = await api.sync.push.mutate({ events: batch.map((o) => o.event) });
      await acknowledge(db, [...res.stored, ...res.duplicates], deps.now());
      pushed += batch.length;
    } catch (error) {
      const failure = classify(error);
      if (failure !== 'refused') {
        await db.outbox.where('id').anyOf(batch.map((o) => o.id)).modify((o) => {
          o.attempts += 1;
          o.lastError = errorMessage(error);
        });
        throw new Stop(failure, error);
      }
      // One bad event refuses the whole batch: find it by sending each alone.
      for (const entry of batch) {
        try {
          const res = await api.sync.push.mutate({ events: [entry.event] });
          await acknowledge(db, [...res.stored, ...res.duplicates], deps.now());
          pushed += 1;
        } catch (single) {
          const f = classify(single);
          if (f !== 'refused') throw new Stop(f, single);
          await db.outbox.update(entry.n!, { state: 'rejected', attempts: entry.attempts + 1, lastError: refusalText(single) });
          rejected += 1;
        }
      }
    }
  }
}

/** Pulls every page after the cursor; 'restored' (nothing applied) when the server's ledger epoch changed. */
async function pullAll(deps: SyncDeps, meta: SyncMeta): Promise<number | 'restored'> {
  const { db, api } = deps;
  let cursor = meta.cursor;
  let pulled = 0;
  for (;;) {
    const page = await api.sync.pull.query({ after: cursor, limit: deps.pullPage ?? PULL_PAGE });
    if (meta.epoch !== null && page.epoch !== meta.epoch) {
      await startOver(db, page.epoch);
      return 'restored';
    }
    await db.transaction('rw', [db.outbox, db.sent, db.meta, ...projectionTables(db)], async () => {
      // Whatever of this device's came back is acknowledged: one lookup for the page.
      await settle(db, page.events.map((e) => e.id), deps.now());
      const touched = new Set<string>();
      for (const event of page.events) {
        if (appliedWhenMade(event, deps.deviceId)) continue;
        await project(db, event);
        const issueId = issueIdOf(event);
        if (issueId) touched.add(issueId);
      }
      // Moves made here and not yet acknowledged stay on top of what others did to the same issue.
      if (touched.size) {
        const mine = await db.outbox.orderBy('n').filter((o) => o.state === 'pending' && touched.has(issueIdOf(o.event) ?? '')).toArray();
        for (const o of mine) await project(db, { ...o.event, actorId: deps.personId, effectiveAt: o.event.clientTime });
      }
      await writeSyncMeta(db, { cursor: page.cursor, epoch: page.epoch });
    });
    pulled += page.events.length;
    cursor = page.cursor;
    for (const e of page.events) {
      if (e.kind === 'nudge.sent' && e.actorId !== deps.personId && deps.now() - e.effectiveAt < NUDGE_FRESH_FOR) {
        await deps.onNudge?.({ message: e.payload.message, at: e.effectiveAt });
      }
    }
    if (!page.more) return pulled;
  }
}

/** An own tick or untick the server stored exactly as this device applied it when it was made. */
function appliedWhenMade(event: StoredEvent, deviceId: string | undefined): boolean {
  return (
    deviceId !== undefined &&
    event.deviceId === deviceId &&
    (event.kind === 'duty.checked' || event.kind === 'duty.unchecked') &&
    event.effectiveAt === event.clientTime
  );
}

async function refreshUnit({ db, api }: SyncDeps, known: string | null): Promise<void> {
  let mine;
  try {
    mine = await api.org.myUnit.query(known ? { known } : undefined);
  } catch (error) {
    // A person without a unit (督查组, 指挥部) has no duty list: nothing to refresh.
    if (httpStatusOf(error) === 404) return;
    throw error;
  }
  if (mine.unchanged) return;
  const held = mine;
  await db.transaction('rw', [db.duties, db.gridCells, db.members, db.meta], async () => {
    await db.duties.clear();
    await db.duties.bulkPut(held.duties.map((d, position) => ({ ...d, position })));
    await db.gridCells.clear();
    await db.gridCells.bulkPut(held.gridCells);
    await db.members.clear();
    await db.members.bulkPut(held.members);
    await writeSyncMeta(db, { unitVersion: held.version });
  });
}
