/** A canonical export of every table (schema and rows in rowid order), and its SHA-256: "changed nothing" made checkable. */
import { createHash } from 'node:crypto';
import type { Db } from '../../server/db/open';

export function dumpTables(db: Db): Record<string, unknown[]> {
  const raw = db.$client;
  const tables = raw.prepare("select name, sql from sqlite_master where type in ('table', 'index') and name not like 'sqlite_%' order by name").all() as { name: string; sql: string | null }[];
  const dump: Record<string, unknown[]> = { schema: tables };
  for (const { name } of tables) {
    const isTable = raw.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name);
    if (isTable) dump[name] = raw.prepare(`select * from "${name}" order by rowid`).raw().all();
  }
  return dump;
}

export function fingerprint(db: Db): string {
  return createHash('sha256').update(JSON.stringify(dumpTables(db))).digest('hex');
}
