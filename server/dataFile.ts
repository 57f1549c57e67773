/** Where a county's data lives: DATA_DIR (default ./data) holds county.sqlite and the photos/ folder. */
import { join, resolve } from 'node:path';

export const DB_FILE_NAME = 'county.sqlite';

export function dataDirOf(env: { DATA_DIR?: string } = process.env): string {
  return resolve(env.DATA_DIR || './data');
}

export function dbFileOf(dataDir: string): string {
  return join(dataDir, DB_FILE_NAME);
}
