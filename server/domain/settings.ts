import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { settings } from '../db/schema';
import { DEFAULT_DEADLINE_DAYS } from '../../shared/categories';
import type { DeadlineDays } from '../../shared/projection';

const DEADLINE_KEY = 'deadlineDays';

/** Rectification deadlines per category, as the command center set them (defaults where it has not). */
export function deadlineDays(db: Db): DeadlineDays {
  const row = db.select().from(settings).where(eq(settings.key, DEADLINE_KEY)).get();
  return { ...DEFAULT_DEADLINE_DAYS, ...((row?.value as Partial<DeadlineDays> | undefined) ?? {}) };
}

export function setDeadlineDays(db: Db, days: Partial<DeadlineDays>): void {
  const value = { ...deadlineDays(db), ...days };
  db.insert(settings).values({ key: DEADLINE_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}
