/*
 * Push: events per second stored through the real sync.push over HTTP and through pushEvents in process, next
 * to raw better-sqlite3 writing the same rows (the event row and its duty_checks row, folded from the stored one:
 * rawPush.ts): one transaction per batch of 100 like a push, and all of a run in one transaction. Before the clock
 * starts, one batch goes through both inside a transaction that is rolled back, and their rows must be equal.
 */
import { performance } from 'node:perf_hooks';
import { pushEvents } from '../../server/domain/ledger';
import { createApi } from '../../extension/lib/api';
import type { BenchContext } from '../context';
import type { Figure } from '../report';
import { spread } from '../stats';
import { rawPushWriter, type RawTick } from '../rawPush';
import { RAW_EVENT_HASH } from '../rawHash';
import { makeBatches, type Batch } from './pushBatches';

function rawWriter(ctx: BenchContext) {
  const zoneOf = new Map(ctx.county.org.units.map((u) => [u.id, u.zoneId]));
  const write = rawPushWriter(ctx.db.$client, (unitId) => zoneOf.get(unitId)!);
  const writeBatch = (b: Batch, receivedAt: number) => write(b.events as RawTick[], { personId: b.who.person.id, deviceId: b.who.deviceId }, receivedAt);
  return {
    writeBatch,
    allInOne: ctx.db.$client.transaction((batches: Batch[]) => batches.forEach((b) => writeBatch(b, Date.now()))),
    batchTx: (b: Batch) => writeBatch(b, Date.now()),
  };
}

/**
 * The baseline as it was before issue 10's rule that a second tick keeps the first completion: the event row and
 * a duty_checks row made from the tick alone, overwriting what is stored, with nothing read. Printed for
 * comparison with earlier runs; it does not write the project's rows, so it carries no bar.
 */
function writeOnlyWriter(ctx: BenchContext) {
  const raw = ctx.db.$client;
  const insert = raw.prepare(
    'insert into events (id, kind, unit_id, zone_id, actor_id, device_id, client_time, received_at, effective_at, clock_skewed, payload, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
  );
  const upsert = raw.prepare(
    `insert into duty_checks (unit_id, duty_id, period_key, checked, checked_at, checked_by, last_at, last_event_id) values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (unit_id, duty_id, period_key) do update set checked = excluded.checked, checked_at = excluded.checked_at,
       checked_by = excluded.checked_by, last_at = excluded.last_at, last_event_id = excluded.last_event_id`,
  );
  const zoneOf = new Map(ctx.county.org.units.map((u) => [u.id, u.zoneId]));
  return raw.transaction((b: Batch, receivedAt: number) => {
    for (const e of b.events as RawTick[]) {
      insert.run(e.id, e.kind, e.unitId, zoneOf.get(e.unitId), b.who.person.id, b.who.deviceId, e.clientTime, receivedAt, e.clientTime, JSON.stringify(e.payload), RAW_EVENT_HASH);
      upsert.run(e.unitId, e.payload.dutyId, e.payload.periodKey, 1, e.clientTime, b.who.person.id, e.clientTime, e.id);
    }
  });
}

/**
 * The rows one batch leaves behind, written by `write` inside a transaction that is then rolled back: its event
 * rows (all but seq and the hash, which the baseline does not chain) and its duty_checks rows.
 */
function rowsWrittenBy(ctx: BenchContext, b: Batch, write: () => void): unknown[] {
  const raw = ctx.db.$client;
  const ids = JSON.stringify(b.events.map((e) => e.id));
  const keys = JSON.stringify(b.events.map((e) => (e.kind === 'duty.checked' ? [e.unitId, e.payload.dutyId, e.payload.periodKey] : [])));
  let rows: unknown[] = [];
  const rollback = new Error('rollback');
  try {
    raw.transaction(() => {
      write();
      rows = [
        ...raw.prepare('select id, kind, unit_id, zone_id, actor_id, device_id, client_time, received_at, effective_at, clock_skewed, payload from events where id in (select value from json_each(?)) order by id').all(ids),
        ...raw.prepare('select d.* from json_each(?) j join duty_checks d on d.unit_id = j.value ->> 0 and d.duty_id = j.value ->> 1 and d.period_key = j.value ->> 2 order by 1, 2, 3').all(keys),
      ];
      throw rollback;
    })();
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return rows;
}

/** Throws unless the baseline and pushEvents write exactly the same rows for a batch. */
function checkSameRows(ctx: BenchContext, raw: ReturnType<typeof rawWriter>, b: Batch): void {
  const receivedAt = Date.now();
  const ours = JSON.stringify(rowsWrittenBy(ctx, b, () => pushEvents(ctx.db, b.who, b.events, receivedAt)));
  const theirs = JSON.stringify(rowsWrittenBy(ctx, b, () => raw.writeBatch(b, receivedAt)));
  if (ours !== theirs || ours === '[]') throw new Error('推送对照写入的行与 pushEvents 不同，对照无效');
}

type Send = (batches: Batch[]) => Promise<void> | void;

/**
 * Events per second of each way of pushing, measured in turns (run 1: a, b, c, d; run 2: b, c, d, a; ...) after
 * one warm-up round, so a cold page cache, JIT warm-up or a busy neighbour on the machine does not favour one.
 */
async function interleavedRates(runs: number, count: number, make: () => Batch[], sends: Send[]): Promise<number[][]> {
  const rates = sends.map(() => [] as number[]);
  for (let run = -1; run < runs; run++) {
    for (let k = 0; k < sends.length; k++) {
      const i = (k + Math.max(run, 0)) % sends.length;
      const batches = make(); // made before the clock starts
      const start = performance.now();
      await sends[i](batches);
      if (run >= 0) rates[i].push((count * 1000) / (performance.now() - start));
    }
  }
  return rates;
}

export async function pushFigures(ctx: BenchContext): Promise<Figure[]> {
  const { scale, county } = ctx;
  const n = scale.pushEvents;
  let offset = 0;
  const make = () => makeBatches(county.org, n, Date.now(), (offset += n / 100));
  const apis = new Map<string, ReturnType<typeof createApi>>();
  const api = (b: Batch) => apis.get(b.who.token) ?? apis.set(b.who.token, createApi(ctx.url, b.who.token)).get(b.who.token)!;

  const raw = rawWriter(ctx);
  const writeOnly = writeOnlyWriter(ctx);
  checkSameRows(ctx, raw, make()[0]);
  const [http, inProcess, rawBatches, rawOne, bareHttp, rawWriteOnly] = await interleavedRates(scale.runs, n, make, [
    async (batches) => {
      for (const b of batches) {
        const res = await api(b).sync.push.mutate({ events: b.events });
        if (res.stored.length !== b.events.length) throw new Error('推送未全部存储');
      }
    },
    (batches) => {
      for (const b of batches) pushEvents(ctx.db, b.who, b.events, Date.now());
    },
    (batches) => batches.forEach((b) => raw.batchTx(b)),
    (batches) => raw.allInOne(batches),
    async (batches) => {
      for (const b of batches) {
        const res = await fetch(`${ctx.bareUrl}/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${b.who.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: b.events }),
        });
        if (((await res.json()) as { stored: string[] }).stored.length !== b.events.length) throw new Error('裸 Express 对照推送未全部存储');
      }
    },
    (batches) => batches.forEach((b) => writeOnly(b, Date.now())),
  ]);

  const note = `${n.toLocaleString('en-US')} 条，每批 100 条`;
  const rawBatch = { label: '原始 better-sqlite3 写同样的行（读出已存的打勾行，按同一规则合并），每批一个事务', value: spread(rawBatches) };
  return [
    { section: 'push', label: '推送：sync.push 经 HTTP', note, unit: '条/秒', value: spread(http), baseline: rawBatch },
    {
      section: 'push',
      label: '推送：sync.push 经 HTTP',
      note: `${note}，对照裸 Express`,
      unit: '条/秒',
      value: spread(http),
      baseline: { label: '裸 Express + better-sqlite3 同样鉴权、写同样的行，同一回环网络', value: spread(bareHttp) },
      maxCost: 1.5,
    },
    { section: 'push', label: '推送：pushEvents 进程内', note, unit: '条/秒', value: spread(inProcess), baseline: rawBatch, maxCost: 1.5 },
    {
      section: 'push',
      label: '推送：pushEvents 进程内',
      note: '对照全部一个事务',
      unit: '条/秒',
      value: spread(inProcess),
      baseline: { label: '原始 better-sqlite3 写同样的行，全部一个事务', value: spread(rawOne) },
    },
    {
      section: 'push',
      label: '推送：pushEvents 进程内',
      note: '对照只写不读（旧对照，行与本项目不同）',
      unit: '条/秒',
      value: spread(inProcess),
      baseline: { label: '原始 better-sqlite3 只写事件行和打勾行、不读已存的行（第二次打勾覆盖首次完成）', value: spread(rawWriteOnly) },
    },
  ];
}
