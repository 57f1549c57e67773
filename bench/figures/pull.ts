/*
 * Pull: a new device of a unit catching up the unit's whole year (paging with the default page size), and an
 * incremental pull of the last few events, through the real sync.pull over HTTP; next to raw better-sqlite3
 * running the same paged query on the same file and parsing the payloads.
 */
import { createApi } from '../../extension/lib/api';
import { pullInput } from '../../shared/schemas/events';
import type { BenchContext } from '../context';
import type { Figure } from '../report';
import { timeRuns } from '../stats';

const PAGE = pullInput.shape.limit.parse(undefined);

export async function pullFigures(ctx: BenchContext): Promise<Figure[]> {
  const { org } = ctx.county;
  // A unit in the middle of the county: not the lead unit, so its ledger is an ordinary unit's.
  const unit = org.units[Math.floor(org.units.length / 2) + 1];
  const staff = org.staffByUnit.get(unit.id)![1];
  const api = createApi(ctx.url, staff.token);
  const raw = ctx.db.$client;
  const page = raw.prepare('select * from events where seq > ? and unit_id in (?) order by seq limit ?');
  const total = (raw.prepare('select count(*) as n from events where unit_id = ?').get(unit.id) as { n: number }).n;

  const catchUpHttp = async (after = 0) => {
    let count = 0;
    for (let cursor = after; ; ) {
      const res = await api.sync.pull.query({ after: cursor, limit: PAGE });
      count += res.events.length;
      cursor = res.cursor;
      if (!res.more) return count;
    }
  };
  const catchUpRaw = (after = 0) => {
    let count = 0;
    for (let cursor = after; ; ) {
      const rows = page.all(cursor, unit.id, PAGE + 1) as Array<{ seq: number; payload: string }>;
      const events = rows.slice(0, PAGE).map((r) => ({ ...r, payload: JSON.parse(r.payload) }));
      count += events.length;
      if (events.length) cursor = events[events.length - 1].seq;
      if (rows.length <= PAGE) return count;
    }
  };
  const catchUpBare = async (after = 0) => {
    let count = 0;
    for (let cursor = after; ; ) {
      const res = await fetch(`${ctx.bareUrl}/pull?after=${cursor}&limit=${PAGE}`, { headers: { authorization: `Bearer ${staff.token}` } });
      const body = (await res.json()) as { events: unknown[]; cursor: number; more: boolean };
      count += body.events.length;
      cursor = body.cursor;
      if (!body.more) return count;
    }
  };
  const seen = await catchUpHttp();
  if ((await catchUpBare()) !== total) throw new Error('裸 Express 对照补齐的事件数不对');
  if (seen !== total || catchUpRaw() !== total) throw new Error(`补齐一年的事件数不对：${seen} ≠ ${total}`);

  const recent = 20;
  const cursor = (raw.prepare('select seq from events where unit_id = ? order by seq desc limit 1 offset ?').get(unit.id, recent) as { seq: number }).seq;
  const runs = ctx.scale.runs;
  const yearNote = `${total.toLocaleString('en-US')} 条，每页 ${PAGE} 条`;
  return [
    {
      section: 'pull',
      label: '拉取：新设备补齐本单位一年',
      note: yearNote,
      unit: 'ms',
      value: await timeRuns(runs, () => catchUpHttp()),
      baseline: { label: '原始 better-sqlite3 同样分页查询并解析', value: await timeRuns(runs, () => catchUpRaw()) },
    },
    {
      section: 'pull',
      label: '拉取：增量',
      note: `最近 ${recent} 条`,
      unit: 'ms',
      value: await timeRuns(runs * 4, () => catchUpHttp(cursor)),
      baseline: { label: '原始 better-sqlite3 同样查询并解析', value: await timeRuns(runs * 4, () => catchUpRaw(cursor)) },
    },
    {
      section: 'pull',
      label: '拉取：增量，经 HTTP',
      note: `最近 ${recent} 条`,
      unit: 'ms',
      value: await timeRuns(runs * 4, () => catchUpHttp(cursor)),
      baseline: { label: '裸 Express + better-sqlite3 同样鉴权、查询并解析，同一回环网络', value: await timeRuns(runs * 4, () => catchUpBare(cursor)) },
      maxCost: 1.5,
    },
  ];
}
