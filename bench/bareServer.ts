/*
 * The baseline for the HTTP figures: a bare Express app over better-sqlite3 doing the same work as the project's
 * procedures, with nothing else — the bearer token looked up by its SHA-256, the event rows and their duty_checks
 * rows written as the in-process baseline writes them (rawPush.ts, one transaction per batch), a pull page
 * of the caller's unit with its payloads parsed, the zone × month completion by the hand-written SQL. No tRPC, no
 * validation, no security headers, no rate limits. Run as a child process (like the project's server) by
 * bench/serverProcess.ts: `node --import tsx bench/bareServer.ts` with DATA_DIR and PORT.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import express, { type Request, type Response } from 'express';
import type { Duty, Unit } from '../shared/schemas/org';
import { handCompletion } from './figures/handSql';
import { rawPushWriter, type RawTick } from './rawPush';

const raw = new Database(join(process.env.DATA_DIR!, 'county.sqlite'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
raw.pragma('busy_timeout = 5000');

const who = raw.prepare(
  'select p.id as personId, p.unit_id as unitId, d.id as deviceId from devices d join people p on p.id = d.person_id where d.token_hash = ? and d.revoked_at is null',
);
const page = raw.prepare('select * from events where seq > ? and unit_id = ? order by seq limit ?');
const units = raw.prepare('select id, name, zone_id as zoneId from units').all() as Unit[];
const zoneOf = new Map(units.map((u) => [u.id, u.zoneId]));
const duties = (raw.prepare('select id, cadence, due_time as dueTime, due_weekday as dueWeekday, working_days_only as workingDaysOnly from duties').all() as Duty[]).map(
  (d) => ({ ...d, workingDaysOnly: Boolean(d.workingDaysOnly) }),
);

function caller(req: Request, res: Response): { personId: string; unitId: string; deviceId: string } | null {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const row = token ? (who.get(createHash('sha256').update(token).digest('hex')) as { personId: string; unitId: string; deviceId: string } | undefined) : undefined;
  if (!row) res.status(401).json({ error: 'unauthorized' });
  return row ?? null;
}

const write = rawPushWriter(raw, (unitId) => zoneOf.get(unitId)!);

const app = express();
app.use(express.json({ limit: '1mb' }));
app.get('/healthz', (_req, res) => void res.json({ ok: true }));
app.post('/push', (req, res) => {
  const c = caller(req, res);
  if (!c) return;
  const events = (req.body as { events: RawTick[] }).events;
  write(events, c, Date.now());
  res.json({ stored: events.map((e) => e.id), duplicates: [] });
});
app.get('/pull', (req, res) => {
  const c = caller(req, res);
  if (!c) return;
  const after = Number(req.query.after);
  const limit = Number(req.query.limit);
  const rows = page.all(after, c.unitId, limit + 1) as Array<{ seq: number; payload: string }>;
  const events = rows.slice(0, limit).map((r) => ({ ...r, payload: JSON.parse(r.payload) }));
  res.json({ events, cursor: events.length ? events[events.length - 1].seq : after, more: rows.length > limit });
});
app.get('/completion', (req, res) => {
  if (!caller(req, res)) return;
  const zoneUnits = units.filter((u) => u.zoneId === req.query.zoneId);
  const counts = handCompletion(raw, zoneUnits, duties, String(req.query.from), String(req.query.to), Date.now());
  res.json(Object.fromEntries(counts));
});
app.listen(Number(process.env.PORT), '127.0.0.1');
