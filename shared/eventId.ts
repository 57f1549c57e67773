/*
 * Event ids: UUIDv7 (RFC 9562), made where the event is made, stamped with that maker's clock (passed in, like
 * every other time). The ledger breaks ties between events of the same effective time by id, so ids made here
 * sort in the order they were made, even within one millisecond (the library's monotonic counter).
 * The rule an incoming id must pass is `eventId` / `eventIdRefusal` in shared/schemas/common.ts.
 */
import { V7Generator } from 'uuidv7';

const generator = new V7Generator();
/** A clock may step back this far (an NTP correction) and ids still sort in the order they were made. */
const ROLLBACK_ALLOWANCE_MS = 10_000;

export function eventIdAt(now: number): string {
  return generator.generateOrResetCore(now, ROLLBACK_ALLOWANCE_MS).toString();
}

/** The millisecond timestamp in a UUIDv7's first 48 bits. */
export function timeOfEventId(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
