/** A fixed-window counter per key (an IP address): enough to make guessing enrolment codes hopeless. */
export interface RateLimiter {
  /** Records a failure; true while the key is still under its limit. */
  fail(key: string, now: number): void;
  blocked(key: string, now: number): boolean;
}

/** Past this many tracked addresses, expired windows are swept, so a flood of addresses cannot grow memory for ever. */
export const MAX_TRACKED_KEYS = 10_000;

export function createRateLimiter(maxFailures: number, windowMs: number): RateLimiter & { size(): number } {
  const windows = new Map<string, { start: number; count: number }>();
  const sweep = (now: number) => {
    for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
  };
  const current = (key: string, now: number) => {
    if (windows.size >= MAX_TRACKED_KEYS && !windows.has(key)) sweep(now);
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
    size: () => windows.size,
  };
}

/**
 * The key a client is limited by. IPv4: the address. IPv6: its /64, because one home or office network is
 * handed a whole /64 and could otherwise try a fresh address for every ten guesses.
 */
export function clientKey(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return v4[1];
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
