/*
 * The tamper-evident ledger: every stored event is chained by its hash; triggers refuse UPDATE and DELETE; an
 * attacker with the file (who drops the triggers first) who changes, reorders or deletes a row is caught by
 * verifyLedger at that row's seq; a rewrite of the whole chain is caught only by a checkpoint kept outside.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER, openDb, type Db } from '../../server/db/open';
import { pushEvents } from '../../server/domain/ledger';
import { adminCli, recordAdminEvent } from '../../server/domain/adminEvents';
import { chainHash, GENESIS_HASH, ledgerCheckpoint, verifyLedger } from '../../server/domain/ledgerChain';
import { instantAt } from '../../shared/calendar';
import { PEOPLE, actor, check, smallCounty } from './fixtures/smallCounty';

const friday = '2026-11-27';
const at = (hhmm: string) => instantAt(friday, hhmm);
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pqt-chain-'));
  dirs.push(dir);
  return join(dir, 'county.sqlite');
}

/** A small county with ten stored events: eight ticks and unticks over two pushes, and two admin events. */
function countyWithLedger(file = ':memory:'): Db {
  const db = smallCounty(file);
  const staff = actor(PEOPLE.staffA);
  pushEvents(db, staff, [check('u-a', 'd-sweep', friday, at('08:30')), check('u-a', 'd-bins', friday, at('08:31')), check('u-a', 'd-sweep', friday, at('08:32'), 'duty.unchecked')], at('08:40'));
  recordAdminEvent(db, { kind: 'settings.changed', payload: { key: 'deadlineDays', value: { sanitation: 2 } }, by: adminCli, at: at('09:00') });
  pushEvents(db, staff, [check('u-a', 'd-sweep', friday, at('09:30')), check('u-a', 'd-corner', '2026-W48', at('09:31'))], at('09:40'));
  pushEvents(db, actor(PEOPLE.staffB), [check('u-b', 'd-bins', friday, at('09:50')), check('u-b', 'd-sweep', friday, at('09:51'))], at('09:55'));
  recordAdminEvent(db, { kind: 'enrolCode.issued', payload: { personId: PEOPLE.staffB.id, expiresAt: at('10:00') + 86_400_000 }, by: adminCli, at: at('10:00') });
  pushEvents(db, staff, [check('u-a', 'd-bins', friday, at('10:30'), 'duty.unchecked')], at('10:31'));
  return db;
}

/** What an attacker with the file does first. */
function dropTriggers(raw: Database.Database): void {
  const triggers = raw.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'events'").pluck().all() as string[];
  expect(triggers.length).toBeGreaterThanOrEqual(3);
  for (const t of triggers) raw.exec(`drop trigger "${t}"`);
}

describe('the hash chain', () => {
  it('every event carries SHA-256 over the previous hash and its canonical content, as documented', () => {
    const db = countyWithLedger();
    const rows = db.$client.prepare('select * from events order by seq').all() as Array<Record<string, string | number>>;
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    let previous = '0'.repeat(64);
    for (const r of rows) {
      // Recomputed here from the definition in the header of server/domain/ledgerChain.ts, not with its code.
      const canonical = JSON.stringify([r.seq, r.id, r.kind, r.unit_id, r.zone_id, r.actor_id, r.device_id, r.client_time, r.received_at, r.effective_at, r.clock_skewed, r.payload]);
      const expected = createHash('sha256').update(`${previous}\n${canonical}`).digest('hex');
      expect(r.hash, `seq ${r.seq}`).toBe(expected);
      previous = expected;
    }
    expect(verifyLedger(db.$client)).toEqual({ ok: true, checkpoint: { seq: 10, hash: previous } });
    expect(ledgerCheckpoint(db.$client)).toEqual({ seq: 10, hash: previous });
  });

  it('an empty ledger verifies with the genesis checkpoint', () => {
    expect(verifyLedger(smallCounty().$client)).toEqual({ ok: true, checkpoint: { seq: 0, hash: GENESIS_HASH } });
  });

  it('triggers refuse UPDATE and DELETE on stored events, and an insert without its chained hash', () => {
    const raw = countyWithLedger().$client;
    expect(() => raw.prepare("update events set payload = '{}' where seq = 3").run()).toThrow('台账只能追加');
    expect(() => raw.prepare('update events set hash = ? where seq = 3').run('f'.repeat(64))).toThrow('台账只能追加');
    expect(() => raw.prepare('delete from events where seq = 10').run()).toThrow('台账只能追加');
    expect(() => raw.prepare('delete from events').run()).toThrow('台账只能追加');
    expect(() =>
      raw.prepare("insert into events (id, kind, unit_id, zone_id, actor_id, device_id, client_time, received_at, effective_at, payload) values ('x', 'nudge.sent', 'u-a', 'z1', 'p', 'd', 1, 1, 1, '{}')").run(),
    ).toThrow('链式哈希');
    expect(verifyLedger(raw).ok).toBe(true);
  });
});

describe('tampering through raw SQLite, triggers dropped first', () => {
  it('a changed payload is found at its seq', () => {
    const raw = countyWithLedger().$client;
    dropTriggers(raw);
    raw.prepare("update events set payload = json_set(payload, '$.periodKey', '2026-11-26') where seq = 2").run();
    expect(verifyLedger(raw)).toMatchObject({ ok: false, seq: 2, problem: 'altered', lastGood: { seq: 1 } });
  });

  it('a changed time on a tick, or a changed admin event, is found at its seq', () => {
    const raw = countyWithLedger().$client;
    dropTriggers(raw);
    raw.prepare('update events set effective_at = effective_at - 3600000 where seq = 7').run();
    expect(verifyLedger(raw)).toMatchObject({ ok: false, seq: 7, problem: 'altered' });
    raw.prepare("update events set actor_id = 'p-cmd' where seq = 4").run();
    expect(verifyLedger(raw)).toMatchObject({ ok: false, seq: 4, problem: 'altered' });
  });

  it('two events swapped in order are found at the first of them', () => {
    const raw = countyWithLedger().$client;
    dropTriggers(raw);
    raw.exec('update events set seq = -5 where seq = 5; update events set seq = 5 where seq = 6; update events set seq = 6 where seq = -5;');
    expect(verifyLedger(raw)).toMatchObject({ ok: false, seq: 5, problem: 'altered' });
  });

  it('a deleted event is named by its missing seq', () => {
    const raw = countyWithLedger().$client;
    dropTriggers(raw);
    raw.prepare('delete from events where seq = 6').run();
    expect(verifyLedger(raw)).toMatchObject({ ok: false, seq: 6, problem: 'missing', lastGood: { seq: 5 } });
  });

  it('cutting off the newest events or rewriting the whole chain passes the chain, but not a printed checkpoint', () => {
    const raw = countyWithLedger().$client;
    const printed = ledgerCheckpoint(raw);
    const earlier = { seq: 6, hash: (raw.prepare('select hash from events where seq = 6').pluck().get() as string).slice(0, 16) };
    expect(verifyLedger(raw, printed)).toMatchObject({ ok: true });
    expect(verifyLedger(raw, earlier)).toMatchObject({ ok: true });
    dropTriggers(raw);
    raw.prepare('delete from events where seq > 8').run();
    expect(verifyLedger(raw)).toMatchObject({ ok: true, checkpoint: { seq: 8 } });
    expect(verifyLedger(raw, printed)).toMatchObject({ ok: false, seq: 10, problem: 'truncated', lastGood: { seq: 8 } });
    // Change an early event and recompute every hash after it, as someone with the file and this source can.
    raw.prepare("update events set actor_id = 'p-staff-b' where seq = 2").run();
    const rows = raw.prepare('select * from events order by seq').all() as Array<Parameters<typeof chainHash>[1] & { hash: string }>;
    let previous = GENESIS_HASH;
    for (const r of rows) raw.prepare('update events set hash = ? where seq = ?').run((previous = chainHash(previous, r)), r.seq);
    expect(verifyLedger(raw).ok).toBe(true);
    expect(verifyLedger(raw, earlier)).toMatchObject({ ok: false, seq: 6, problem: 'rewritten' });
  });
});

describe('writers share one chain', () => {
  it('two connections to the same file (a server and an admin command) interleave writes in one unbroken chain', () => {
    const file = tempFile();
    const server = countyWithLedger(file);
    const cli = openDb(file);
    for (let i = 0; i < 5; i++) {
      pushEvents(server, actor(PEOPLE.staffA), [check('u-a', 'd-sweep', friday, at('11:00') + i)], at('11:00') + i);
      recordAdminEvent(cli, { kind: 'enrolCode.issued', payload: { personId: PEOPLE.staffA.id, expiresAt: at('12:00') }, by: adminCli, at: at('11:00') + i });
    }
    expect(verifyLedger(server.$client)).toMatchObject({ ok: true, checkpoint: { seq: 20 } });
    cli.$client.close();
    server.$client.close();
  });

  it('a database from before the chain is sealed when opened, and verifies clean', () => {
    // The migrations as they were before the chain (0000–0002), applied to a new file with a few events in it.
    const old = join(tempFile(), '..', 'migrations-before-chain');
    mkdirSync(join(old, 'meta'), { recursive: true });
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string; idx: number }> };
    const chainAt = journal.entries.findIndex((e) => e.tag.endsWith('_ledger_chain'));
    expect(chainAt).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, chainAt);
    writeFileSync(join(old, 'meta', '_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries) copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(old, `${e.tag}.sql`));
    const file = join(old, '..', 'old.sqlite');
    const raw = new Database(file);
    migrate(drizzle(raw), { migrationsFolder: old });
    const insert = raw.prepare('insert into events (id, kind, unit_id, zone_id, actor_id, device_id, client_time, received_at, effective_at, payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (let i = 1; i <= 3; i++) insert.run(`e${i}`, 'duty.checked', 'u-a', 'z1', 'p-staff-a', 'd', at('08:00') + i, at('08:01') + i, at('08:00') + i, JSON.stringify({ dutyId: 'd-sweep', periodKey: friday }));
    raw.close();

    const db = openDb(file);
    const result = verifyLedger(db.$client);
    expect(result).toMatchObject({ ok: true, checkpoint: { seq: 3 } });
    // Sealed rows are sealed: the triggers refuse changing them now.
    expect(() => db.$client.prepare("update events set hash = '' where seq = 1").run()).toThrow('台账只能追加');
    db.$client.close();
  });
});
