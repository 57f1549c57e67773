/** Supervision settings the command center changes (inspection cadence, escalation step, duplicate window). */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { settings } from '../../db/schema';
import { DEFAULT_SUPERVISION_SETTINGS, type SupervisionSettings } from '../../../shared/supervision';

const KEY = 'supervision';

export function supervisionSettings(db: Db): SupervisionSettings {
  const row = db.select().from(settings).where(eq(settings.key, KEY)).get();
  return { ...DEFAULT_SUPERVISION_SETTINGS, ...((row?.value as Partial<SupervisionSettings> | undefined) ?? {}) };
}

export function setSupervisionSettings(db: Db, change: Partial<SupervisionSettings>): SupervisionSettings {
  const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  const value = { ...supervisionSettings(db), ...defined };
  db.insert(settings).values({ key: KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
  return value;
}
