/*
 * Limits on the public page, which anyone can reach without enrolment. Per address (an IPv6 address by its /64,
 * the real client behind TRUST_PROXY): reports, photo uploads and code lookups; per phone number: reports, so one
 * person cannot flood the queue from many addresses under the same number. Generous for a person, useless to a
 * script: guessing a 59-bit tracking code at 30 lookups per 10 minutes would take longer than the universe has.
 */
import { createRateLimiter, type RateLimiter } from './rateLimit';
import { HOUR, MINUTE, DAY } from '../shared/calendar';

export interface PublicLimits {
  reports: RateLimiter;
  phones: RateLimiter;
  photos: RateLimiter;
  lookups: RateLimiter;
}

export const PUBLIC_LIMITS = {
  reportsPerAddressPerHour: 10,
  reportsPerPhonePerDay: 5,
  photosPerAddressPerHour: 30,
  lookupsPerAddressPer10Minutes: 30,
} as const;

export function createPublicLimits(): PublicLimits {
  return {
    reports: createRateLimiter(PUBLIC_LIMITS.reportsPerAddressPerHour, HOUR),
    phones: createRateLimiter(PUBLIC_LIMITS.reportsPerPhonePerDay, DAY),
    photos: createRateLimiter(PUBLIC_LIMITS.photosPerAddressPerHour, HOUR),
    lookups: createRateLimiter(PUBLIC_LIMITS.lookupsPerAddressPer10Minutes, 10 * MINUTE),
  };
}

/** Counts one use against `key`; false (and nothing counted) once the limit is reached. */
export function take(limiter: RateLimiter, key: string, now: number): boolean {
  if (limiter.blocked(key, now)) return false;
  limiter.fail(key, now);
  return true;
}

/** The phone number as a key: digits only, so "138 0000 1234" and "13800001234" are the same person. */
export function phoneKey(phone: string): string {
  return phone.replace(/\D/g, '');
}
