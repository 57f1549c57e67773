/*
 * The ledger's hash chain (台账校验). Every stored event carries `hash`, a SHA-256 over its canonical content and
 * the hash of the event before it, so changing, reordering or deleting any stored event breaks the chain from
 * that event on, and `npm run admin -- verify` names the first broken one.
 *
 * The canonical form, defined here and only here (README 可靠性/台账 repeats it for an outside verifier):
 *
 *   hash(n) = hex(SHA-256( hash(n-1) + "\n" + JSON.stringify([seq, id, kind, unit_id, zone_id, actor_id,
 *             device_id, client_time, received_at, effective_at, clock_skewed, payload]) ))
 *
 * with every column as stored in the events table: numbers as integers (clock_skewed 0 or 1), `payload` the JSON
 * text exactly as stored (a string inside the array, not re-parsed), JSON as JavaScript's JSON.stringify writes it
 * (UTF-8, no spaces); hash(0) is 64 zeros. Sequence numbers run 1, 2, 3… without gaps: the writer takes the next
 * one itself (ledgerQueries.insertEvent), so a missing number is a deleted event.
 *
 * What this proves and what not: an event changed, moved or removed by anyone without rewriting every later
 * hash is found. Whoever holds the file can drop the triggers and rewrite the whole chain from any point; only a
 * checkpoint (seq + hash) kept outside the file — printed on every 通报 and in every XLSX 汇总 — catches that,
 * with `npm run admin -- verify --checkpoint <seq>:<hash>`.
 */
import { hash } from 'node:crypto';
import type Database from 'better-sqlite3';

export const GENESIS_HASH = '0'.repeat(64);

/** An event row as stored, with its payload as the stored JSON text. */
export interface ChainRow {
  seq: number;
  id: string;
  kind: string;
  unit_id: string;
  zone_id: string;
  actor_id: string;
  device_id: string;
  client_time: number;
  received_at: number;
  effective_at: number;
  clock_skewed: number;
  payload: string;
}

const SEAL_PAGE = 5000;

/** The columns of ChainRow, in the canonical order, for the statements that read rows back to check them. */
const CHAIN_COLUMNS = 'seq, id, kind, unit_id, zone_id, actor_id, device_id, client_time, received_at, effective_at, clock_skewed, payload';

export function chainHash(previous: string, r: ChainRow): string {
  const canonical = JSON.stringify([r.seq, r.id, r.kind, r.unit_id, r.zone_id, r.actor_id, r.device_id, r.client_time, r.received_at, r.effective_at, r.clock_skewed, r.payload]);
  // One-shot hash: the same digest as createHash().update().digest(), without a Hash object per event.
  return hash('sha256', `${previous}\n${canonical}`, 'hex');
}

/** A point of the chain: the last event's sequence number and hash (seq 0 and GENESIS_HASH for an empty ledger). */
export interface Checkpoint {
  seq: number;
  hash: string;
}

/** The ledger's current checkpoint, as printed on documents (ledger checkpoint, 台账校验). */
export function ledgerCheckpoint(client: Database.Database): Checkpoint {
  return client.prepare<[], Checkpoint>('select seq, hash from events order by seq desc limit 1').get() ?? { seq: 0, hash: GENESIS_HASH };
}

export type ChainBreak =
  /** The event's content, position or hash is not what the chain says. */
  | 'altered'
  /** No event has this sequence number: it was deleted (or the ones after it renumbered). */
  | 'missing'
  /** The chain holds, but the event a checkpoint names has another hash: the chain was rewritten up to there. */
  | 'rewritten'
  /** The chain holds, but ends before the event a checkpoint names: its newest events were cut off. */
  | 'truncated';

export type VerifyResult =
  | { ok: true; checkpoint: Checkpoint }
  /** `lastGood`: the last event before `seq` whose chain checks. */
  | { ok: false; seq: number; problem: ChainBreak; lastGood: Checkpoint };

/** What a chain break means, in the words `admin verify` and `admin restore` print. */
export function chainBreakMessage(r: { seq: number; problem: ChainBreak; lastGood: Checkpoint }): string {
  switch (r.problem) {
    case 'altered':
      return `第${r.seq}号事件被改动过（内容、顺序或哈希与链不符）`;
    case 'missing':
      return `第${r.seq}号事件缺失（被删除，或其后的事件被重新编号）`;
    case 'rewritten':
      return `第${r.seq}号事件的哈希与所给的台账校验不符：哈希链本身完整，说明台账在此之前被改动后整条重算过`;
    case 'truncated':
      return `台账只有${r.lastGood.seq}条事件，所给的台账校验却是第${r.seq}号：末尾的事件被删除了`;
  }
}

/**
 * Walks the whole chain in seq order, recomputing every hash; stops at the first break. With `expected`, also
 * checks that the event it names is there with that hash (or hash prefix), which catches a chain rewritten from
 * an earlier point or cut short.
 */
export function verifyLedger(client: Database.Database, expected?: Checkpoint): VerifyResult {
  let last: Checkpoint = { seq: 0, hash: GENESIS_HASH };
  const broken = (seq: number, problem: ChainBreak): VerifyResult => ({ ok: false, seq, problem, lastGood: last });
  const rows = client.prepare<[], ChainRow & { hash: string }>(`select ${CHAIN_COLUMNS}, hash from events order by seq`);
  // Returning from inside the loop ends the statement (for…of calls the iterator's return()).
  for (const row of rows.iterate()) {
    if (row.seq !== last.seq + 1) return broken(last.seq + 1, 'missing');
    if (chainHash(last.hash, row) !== row.hash) return broken(row.seq, 'altered');
    if (expected?.seq === row.seq && !row.hash.startsWith(expected.hash)) return broken(row.seq, 'rewritten');
    last = { seq: row.seq, hash: row.hash };
  }
  if (expected && expected.seq > last.seq) return broken(expected.seq, 'truncated');
  return { ok: true, checkpoint: last };
}

/**
 * Gives every event stored before the chain existed (migration 0008 added an empty `hash`) its hash, in seq
 * order, once (the update trigger lets a row without a hash be given one; a row with a hash never changes again).
 * Runs at every open; after the first it costs one lookup. Immediate, so a server and an admin command opening the file together seal it once.
 */
export function sealLedger(client: Database.Database): number {
  // Events before the chain are a prefix of the ledger (every later insert carries its hash): the first row tells.
  const unsealed = () => client.prepare<[], { hash: string }>('select hash from events order by seq limit 1').get()?.hash === '';
  if (!unsealed()) return 0;
  const seal = client.transaction(() => {
    if (!unsealed()) return 0;
    const page = client.prepare<[number], ChainRow>(`select ${CHAIN_COLUMNS} from events where seq > ? order by seq limit ${SEAL_PAGE}`);
    const set = client.prepare('update events set hash = ? where seq = ?');
    let previous = GENESIS_HASH;
    let sealed = 0;
    for (let after = 0; ; ) {
      const rows = page.all(after);
      for (const r of rows) set.run((previous = chainHash(previous, r)), r.seq);
      sealed += rows.length;
      if (rows.length < SEAL_PAGE) return sealed;
      after = rows[rows.length - 1].seq;
    }
  });
  return seal.immediate();
}
