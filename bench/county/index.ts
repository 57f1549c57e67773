/** Generates the synthetic county into a SQLite file: organisation, then a year of ledger and projections. */
import { performance } from 'node:perf_hooks';
import { openDb } from '../../server/db/open';
import type { Scale } from '../scale';
import { buildOrg, type SyntheticOrg } from './org';
import { buildHistory, type HistoryStats } from './history';

export interface County {
  file: string;
  org: SyntheticOrg;
  history: HistoryStats;
  /** The instant the history ends: the bench's "now". */
  now: number;
  seconds: number;
}

export function generateCounty(scale: Scale, file: string, now: number): County {
  const start = performance.now();
  const db = openDb(file);
  // Test data: durability while generating does not matter, and a big cache keeps index inserts in memory.
  db.$client.pragma('synchronous = OFF');
  db.$client.pragma('cache_size = -1000000');
  const org = buildOrg(db, scale, now);
  const history = buildHistory(db, org, scale, now);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  return { file, org, history, now, seconds: (performance.now() - start) / 1000 };
}
