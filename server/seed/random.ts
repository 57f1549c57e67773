/*
 * Deterministic randomness for the demo county: the seeded generator of shared/random.ts, and UUIDv7 ids built
 * from an event's own time plus generator bytes, so the same seed and `now` give the same ledger byte for byte.
 */
export { mulberry32, type Rng } from '../../shared/random';
import type { Rng } from '../../shared/random';

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** A UUIDv7 (RFC 9562) for instant `ms`: 48-bit time, version 7, variant 10, the rest from the generator. */
export function uuidv7At(ms: number, rng: Rng): string {
  const time = ms.toString(16).padStart(12, '0');
  const r = () => Math.floor(rng.next() * 0x10000); // 16 random bits
  const h4 = (n: number) => HEX[n >> 8] + HEX[n & 0xff];
  const randA = 0x7000 | (r() & 0x0fff);
  const randB = 0x8000 | (r() & 0x3fff);
  return `${time.slice(0, 8)}-${time.slice(8)}-${h4(randA)}-${h4(randB)}-${h4(r())}${h4(r())}${h4(r())}`;
}
