/*
 * Proof that the generated rows are what the real ledger would have written: replay the generated events of
 * some units through the real pushEvents (every rule and scope check, the shared projection) into a fresh copy
 * of the organisation, and require the ledger rows and both projections to come out identical.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../server/db/open';
import { pushEvents } from '../../server/domain/ledger';
import type { ClientEvent } from '../../shared/schemas/events';
import type { Role } from '../../shared/roles';

/*
 * The organisation copied into the replay: every zone and duty, but only the sampled units (and the people and
 * devices that belong to them or to no unit), so the real pushEvents' per-call loadOrg stays cheap while every
 * rule it applies to these units' events is the same.
 */
const ORG_COPY: Array<[string, string]> = [
  ['zones', 'select * from src.zones'],
  ['units', 'select * from src.units where id in ({units})'],
  ['grid_cells', 'select * from src.grid_cells where unit_id in ({units})'],
  ['people', 'select * from src.people where unit_id is null or unit_id in ({units})'],
  ['devices', 'select * from src.devices where person_id in (select id from main.people)'],
  ['duties', 'select * from src.duties'],
  ['duty_units', 'select * from src.duty_units where unit_id in ({units})'],
  ['settings', 'select * from src.settings'],
  ['photos', 'select * from src.photos'],
  ['photo_holders', 'select * from src.photo_holders'],
];
const PROJECTIONS: Array<[string, string]> = [
  ['打勾投影', 'select * from duty_checks where {units} order by unit_id, duty_id, period_key'],
  ['问题投影', 'select * from issues where {units} order by id'],
  ['督查投影', 'select * from inspections where {units} order by id'],
];

interface EventRow {
  seq: number;
  id: string;
  kind: string;
  unit_id: string;
  actor_id: string;
  device_id: string;
  client_time: number;
  received_at: number;
  payload: string;
}

export function verifyByReplay(file: string, unitIds: string[]): { events: number } {
  const dir = mkdtempSync(join(tmpdir(), 'pqt-bench-verify-'));
  const source = new Database(file, { readonly: true });
  const replay = openDb(join(dir, 'replay.sqlite'));
  try {
    replay.$client.exec(`attach database '${file.replace(/'/g, "''")}' as src`);
    const marks = unitIds.map(() => '?').join(', ');
    for (const [table, select] of ORG_COPY) replay.$client.prepare(`insert into main.${table} ${select.replace('{units}', marks)}`).run(...(select.includes('{units}') ? unitIds : []));
    replay.$client.exec('detach database src');

    const inUnits = `unit_id in (${marks})`;
    const rows = source.prepare(`select * from events where ${inUnits} order by seq`).all(...unitIds) as EventRow[];
    const people = new Map(
      (source.prepare('select id, name, role, unit_id as unitId from people').all() as { id: string; name: string; role: Role; unitId: string | null }[]).map((p) => [p.id, p]),
    );
    for (const r of rows) {
      const event = { id: r.id, unitId: r.unit_id, clientTime: r.client_time, kind: r.kind, payload: JSON.parse(r.payload) } as ClientEvent;
      pushEvents(replay, { person: people.get(r.actor_id)!, deviceId: r.device_id }, [event], r.received_at);
    }

    const compare = (what: string, sql: string) => {
      const expected = source.prepare(sql).raw().all(...unitIds);
      const actual = replay.$client.prepare(sql).raw().all(...unitIds);
      if (expected.length !== actual.length) throw new Error(`生成的${what}与真实台账重放不一致：${expected.length} 行 ≠ ${actual.length} 行`);
      expected.forEach((row, i) => {
        if (JSON.stringify(row) !== JSON.stringify(actual[i])) {
          throw new Error(`生成的${what}与真实台账重放不一致：\n生成 ${JSON.stringify(row)}\n重放 ${JSON.stringify(actual[i])}`);
        }
      });
    };
    compare('事件', `select id, kind, unit_id, zone_id, actor_id, device_id, client_time, received_at, effective_at, clock_skewed, payload from events where ${inUnits} order by seq`);
    for (const [what, sql] of PROJECTIONS) compare(what, sql.replace('{units}', inUnits));
    return { events: rows.length };
  } finally {
    source.close();
    replay.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
