/*
 * Enrolment: a person is given a one-time code (printed by the admin CLI); a browser exchanges it for a device
 * token. Only SHA-256 hashes of codes and tokens are stored, so a copy of the database grants nothing.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { devices, enrolCodes, people } from '../db/schema';
import { recordAdminEvent, type AdminActor } from './adminEvents';
import type { Person } from '../../shared/schemas/org';
import { DAY, dateKeyOf } from '../../shared/calendar';
import { loadOrg } from './org';
import { CODE_ALPHABET, normaliseCode } from '../../shared/codes';
import { storageFailureOf } from '../storageFailure';

export const ENROL_CODE_TTL = 7 * DAY;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A code of `length` characters from the hand-typing alphabet, from a cryptographic generator. */
export function randomCode(length: number): string {
  return Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

export function issueEnrolCode(db: Db, personId: string, now: number, ttl = ENROL_CODE_TTL): string {
  const raw = randomCode(8);
  db.insert(enrolCodes).values({ codeHash: sha256(raw), personId, createdAt: now, expiresAt: now + ttl }).run();
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/** `absent`: the person is not in the organisation today (their entry starts later, or has ended). */
export type EnrolFailure = 'unknown' | 'used' | 'expired' | 'absent';

/** Exchanges a code for a new device token; the code is spent in the same transaction. */
export function enrolDevice(
  db: Db,
  code: string,
  deviceName: string,
  now: number,
): { ok: true; token: string; deviceId: string; personId: string } | { ok: false; reason: EnrolFailure } {
  const hash = sha256(normaliseCode(code));
  return db.transaction(() => {
    const row = db.select().from(enrolCodes).where(eq(enrolCodes.codeHash, hash)).get();
    // The lookup is by hash; comparing the hashes again in constant time keeps timing independent of the code.
    if (!row || !timingSafeEqual(Buffer.from(row.codeHash), Buffer.from(hash))) return { ok: false, reason: 'unknown' } as const;
    if (row.usedAt !== null) return { ok: false, reason: 'used' } as const;
    if (row.expiresAt < now) return { ok: false, reason: 'expired' } as const;
    if (!personToday(db, row.personId, now)) return { ok: false, reason: 'absent' } as const;
    db.update(enrolCodes).set({ usedAt: now }).where(eq(enrolCodes.codeHash, hash)).run();
    const token = randomBytes(32).toString('base64url');
    const deviceId = `d_${randomBytes(8).toString('hex')}`;
    db.insert(devices)
      .values({ id: deviceId, personId: row.personId, name: deviceName, tokenHash: sha256(token), createdAt: now })
      .run();
    return { ok: true, token, deviceId, personId: row.personId } as const;
  });
}

export interface Actor {
  person: Person;
  deviceId: string;
}

// Every call authenticates: the lookup is prepared once per connection rather than built per request.
const actorQueries = new WeakMap<Db, ReturnType<typeof prepareActorQuery>>();

function prepareActorQuery(db: Db) {
  return db
    .select({ device: devices, person: people })
    .from(devices)
    .innerJoin(people, eq(people.id, devices.personId))
    .where(and(eq(devices.tokenHash, sql.placeholder('tokenHash')), isNull(devices.revokedAt)))
    .prepare();
}

/**
 * The person and device behind a bearer token, the person as they are today (their role and unit in effect
 * today: a change dated later is not theirs yet); null when the token is unknown or revoked, or the person is not
 * in the county's organisation today (not yet, or no longer).
 */
export function authenticate(db: Db, token: string, now: number): Actor | null {
  let query = actorQueries.get(db);
  if (!query) actorQueries.set(db, (query = prepareActorQuery(db)));
  const row = query.get({ tokenHash: sha256(token) });
  if (!row) return null;
  // Recording last use costs a write per call; once a minute is plenty to show "last seen".
  if (!row.device.lastSeenAt || now - row.device.lastSeenAt > 60_000) {
    try {
      db.update(devices).set({ lastSeenAt: now }).where(eq(devices.id, row.device.id)).run();
    } catch (error) {
      // On a full or read-only disk "last seen" waits; reads must go on.
      if (!storageFailureOf(error)) throw error;
    }
  }
  const person = personOn(db, row.person, now);
  return person ? { person, deviceId: row.device.id } : null;
}

/** The person as they are today (their role and unit then), or undefined when not in the organisation today. */
function personOn(db: Db, p: typeof people.$inferSelect, now: number): Person | undefined {
  return loadOrg(db).timeline.on('person', { id: p.id, name: p.name, role: p.role, unitId: p.unitId }, dateKeyOf(now));
}

function personToday(db: Db, personId: string, now: number): Person | undefined {
  const row = db.select().from(people).where(eq(people.id, personId)).get();
  return row && personOn(db, row, now);
}

/**
 * Revokes a device (false when it is unknown or already revoked) and records who did it: the device itself
 * signing out, or an administrator.
 */
export function revokeDevice(db: Db, deviceId: string, by: AdminActor, now: number): boolean {
  return db.transaction(() => {
    const device = db
      .update(devices)
      .set({ revokedAt: now })
      .where(and(eq(devices.id, deviceId), isNull(devices.revokedAt)))
      .returning({ personId: devices.personId })
      .get();
    if (!device) return false;
    const reason = by.deviceId === deviceId ? 'signedOut' : 'revoked';
    recordAdminEvent(db, { kind: 'device.revoked', payload: { deviceId, personId: device.personId, reason }, by, at: now });
    return true;
  });
}
