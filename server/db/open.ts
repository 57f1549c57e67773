import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import { schemaTables } from './schema';
import { sealLedger } from '../domain/ledgerChain';

/**
 * The county database, in a transaction or not. better-sqlite3 has one connection: inside
 * `db.transaction(() => …)` everything done through `db` (drizzle queries and `$client` statements alike) is part
 * of the transaction, and a nested `db.transaction` is a savepoint. So code takes `db` and never drizzle's `tx`.
 */
export type Db = BetterSQLite3Database<typeof schemaTables> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens (creating if need be) a county's SQLite file, in WAL mode, with every migration applied and the ledger chained. */
export function openDb(file: string): Db {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged push survives a power cut too, not only a crash (the device clears its outbox on ack).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema: schemaTables });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  sealLedger(sqlite);
  return db;
}
