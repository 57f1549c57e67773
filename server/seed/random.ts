/*
 * Deterministic randomness for the demo county: a seeded mulberry32 generator, and UUIDv7 ids built from an
 * event's own time plus generator bytes, so the same seed and `now` give the same ledger byte for byte.
 */
export interface Rng {
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items, in the generator's order. */
  sample<T>(items: readonly T[], count: number): T[];
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    sample: (items, count) => {
      const pool = [...items];
      for (let i = pool.length - 1; i > 0; i--) {
        const j = int(0, i);
        [pool[i], pool[j]] = [pool[j], pool[i]];
      }
      return pool.slice(0, count);
    },
  };
}

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
