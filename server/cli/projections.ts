/*
 * `admin rebuild [--check]`: the projections (duty_checks, issues, inspections, calendar_days) are a function of the ledger.
 * Rebuild replays it; --check replays it inside a transaction that is rolled back, compares with what is live,
 * and leaves the database as it was. A difference means a projection bug or a hand edit: rebuild fixes it.
 */
import type { Db } from '../db/open';
import { rebuildProjections } from '../domain/ledger';

export const PROJECTION_TABLES = ['duty_checks', 'issues', 'inspections', 'calendar_days'] as const;
type Table = (typeof PROJECTION_TABLES)[number];

export interface TableComparison {
  table: Table;
  live: number;
  rebuilt: number;
  /** Rows in one and not the other, counted on both sides. */
  differing: number;
}

export interface RebuildReport {
  events: number;
  tables: TableComparison[];
  equal: boolean;
}

function rowsOf(db: Db, table: Table): string[] {
  return db.$client.prepare<[], object>(`select * from "${table}"`).all().map((r) => JSON.stringify(r)).sort();
}

function compare(table: Table, live: string[], rebuilt: string[]): TableComparison {
  const a = new Set(live);
  const b = new Set(rebuilt);
  const differing = live.filter((r) => !b.has(r)).length + rebuilt.filter((r) => !a.has(r)).length;
  return { table, live: live.length, rebuilt: rebuilt.length, differing };
}

class RollBack extends Error {}

/** Rebuilds the projections from the ledger and reports how they compare with what was there; `keep: false` rolls back. */
export function rebuildAndCompare(db: Db, keep: boolean): RebuildReport {
  let report: RebuildReport | undefined;
  const run = db.$client.transaction(() => {
    const before = PROJECTION_TABLES.map((t) => rowsOf(db, t));
    const { events } = rebuildProjections(db);
    const tables = PROJECTION_TABLES.map((t, i) => compare(t, before[i], rowsOf(db, t)));
    report = { events, tables, equal: tables.every((t) => t.differing === 0) };
    if (!keep) throw new RollBack();
  });
  try {
    run();
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
  }
  return report!;
}
