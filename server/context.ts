import type { Request } from 'express';
import type { Db } from './db/open';
import type { Clock } from './clock';
import type { Log } from './log';
import { authenticate, type Actor } from './domain/auth';
import { orgSeenBy } from './domain/org';
import { clientKey, type RateLimiter } from './rateLimit';
import type { PublicLimits } from './publicLimits';

export interface Services {
  db: Db;
  clock: Clock;
  log: Log;
  dataDir: string;
  enrolLimiter: RateLimiter;
  publicLimits: PublicLimits;
}

export interface Context extends Services {
  actor: Actor | null;
  /** The caller's address as the rate limiter keys it (an IPv6 address by its /64). */
  ip: string;
}

export function bearerToken(req: Pick<Request, 'headers'>): string | null {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : null;
}

export function createContext(services: Services, req: Request): Context {
  const token = bearerToken(req);
  const actor = token ? authenticate(services.db, token, services.clock.now()) : null;
  return { ...services, actor, ip: clientKey(req.ip ?? 'unknown') };
}

/** For an authenticated call: the county's organisation, what the caller may see of it, who they are today, and the time. */
export function seen(ctx: Context & { actor: Actor }) {
  const now = ctx.clock.now();
  return { ...orgSeenBy(ctx.db, ctx.actor.person, now), now };
}
