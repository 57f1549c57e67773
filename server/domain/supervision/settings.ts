/** Supervision settings the command center changes (inspection cadence, escalation step, duplicate window). */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { settings } from '../../db/schema';
import { saveSetting } from '../settings';
import type { AdminActor } from '../adminEvents';
import { DEFAULT_SUPERVISION_SETTINGS, type SupervisionSettings } from '../../../shared/supervision';

const KEY = 'supervision';

export function supervisionSettings(db: Db): SupervisionSettings {
  const row = db.select().from(settings).where(eq(settings.key, KEY)).get();
  return { ...DEFAULT_SUPERVISION_SETTINGS, ...((row?.value as Partial<SupervisionSettings> | undefined) ?? {}) };
}

export function setSupervisionSettings(db: Db, change: Partial<SupervisionSettings>, by: AdminActor, at: number): SupervisionSettings {
  const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  const value = { ...supervisionSettings(db), ...defined };
  saveSetting(db, KEY, value, by, at);
  return value;
}
