/** A fixed-window counter per key (an IP address): enough to make guessing enrolment codes hopeless. */
export interface RateLimiter {
  /** Records a failure; true while the key is still under its limit. */
  fail(key: string, now: number): void;
  blocked(key: string, now: number): boolean;
}

export function createRateLimiter(maxFailures: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, now: number) => {
    const w = windows.get(key);
    if (!w || now - w.start >= windowMs) {
      const fresh = { start: now, count: 0 };
      windows.set(key, fresh);
      return fresh;
    }
    return w;
  };
  return {
    fail: (key, now) => void current(key, now).count++,
    blocked: (key, now) => current(key, now).count >= maxFailures,
  };
}
