/*
 * A year of supervision: inspection rounds (三天一督查: every zone walked every third day by one of two teams),
 * their findings, self-check reports and complaints, each issue walked through its lifecycle up to now
 * (assigned, rectified, 回头看 verified, sometimes reopened or rejected). These events are few (thousands), so
 * they go through the real server code: stampDeadline sets deadlines and project() writes the projections.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../server/db/open';
import { issues, photoHolders, photos } from '../../server/db/schema';
import { project } from '../../server/domain/ledger';
import { deadlineDays, deadlineRulesOf } from '../../server/domain/settings';
import { stampDeadline } from '../../server/domain/supervision/deadlines';
import type { IssueLookup } from '../../server/domain/eventRules';
import { DAY, HOUR, MINUTE, addDays, dateKeyOf, startOfDate } from '../../shared/calendar';
import { CATEGORIES } from '../../shared/categories';
import { inspectionUnitOf } from '../../shared/supervision';
import type { ClientEvent, PayloadOf, StoredEvent } from '../../shared/schemas/events';
import type { Rng } from '../../server/seed/random';
import type { Scale } from '../scale';
import type { Enrolled, SyntheticOrg } from './org';
import type { GenEvent } from './ledgerWriter';
import { ISSUE_TEXT, STREETS } from './names';

/** `receivedNotBefore`: the server must have stored what this event depends on (the issue, the round) first. */
export type MakeEvent = (
  who: Enrolled,
  unitId: string,
  clientTime: number,
  body: Pick<ClientEvent, 'kind' | 'payload'>,
  zoneId?: string,
  receivedNotBefore?: number,
) => GenEvent;

interface Round {
  inspectionId: string;
  zoneIds: string[];
  inspector: Enrolled;
  recordedAt: number;
  receivedAt: number;
}

export function buildSupervision(
  db: Db,
  org: SyntheticOrg,
  scale: Scale,
  rng: Rng,
  window: { firstDate: string; latest: number },
  make: MakeEvent,
  add: (e: GenEvent) => void,
  uuidAt: (ms: number) => string,
): { rounds: number; issues: number } {
  const days = deadlineDays(db);
  const rules = deadlineRulesOf(db);
  const lookup: IssueLookup = (id) => db.select().from(issues).where(eq(issues.id, id)).get();
  const photoRows: (typeof photos.$inferInsert)[] = [];
  const photo = (by: Enrolled, at: number) => {
    const id = createHash('sha256').update(`bench-photo-${photoRows.length}`).digest('hex');
    photoRows.push({ id, mime: 'image/jpeg', size: rng.int(80_000, 400_000), uploadedBy: by.person.id, createdAt: at });
    return id;
  };
  /** Stores an event as the server would: deadline stamped, projections updated, then into the ledger. */
  const emit = (who: Enrolled, unitId: string, at: number, body: Pick<ClientEvent, 'kind' | 'payload'>, after = 0, zoneId?: string): GenEvent => {
    const stamped = stampDeadline(make(who, unitId, at, body, zoneId, after), at, rules, lookup) as GenEvent;
    project(db, { ...stamped, seq: 0, effectiveAt: at } as StoredEvent, rules);
    add(stamped);
    return stamped;
  };

  const { latest } = window;
  const rounds: Round[] = [];
  return db.transaction(() => {
    for (let date = window.firstDate, n = 0; startOfDate(date) < latest; date = addDays(date, 1), n++) {
      // Every third day a zone comes round again; two teams split the day's zones, one in the morning, one after noon.
      const today = org.zones.filter((_, i) => i % 3 === n % 3);
      [today.filter((_, i) => i % 2 === 0), today.filter((_, i) => i % 2 === 1)].forEach((zoneIds, team) => {
        if (!zoneIds.length) return;
        const startedAt = startOfDate(date) + (team === 0 ? 9 * HOUR : 14 * HOUR) + rng.int(0, 30 * MINUTE);
        const recordedAt = startedAt + rng.int(MINUTE, 10 * MINUTE);
        if (recordedAt > latest) return;
        const inspector = org.inspectors[team % org.inspectors.length];
        const inspectionId = uuidAt(startedAt);
        const ids = zoneIds.map((z) => z.id);
        const payload: PayloadOf<'inspection.recorded'> = { inspectionId, zoneIds: ids, summary: '本轮督查发现的问题已现场交办', startedAt };
        const e = emit(inspector, inspectionUnitOf(ids[0], org.zones, org.units)!, recordedAt, { kind: 'inspection.recorded', payload }, 0, ids[0]);
        rounds.push({ inspectionId, zoneIds: ids, inspector, recordedAt, receivedAt: e.receivedAt });
      });
    }

    let count = 0;
    const start = startOfDate(window.firstDate);
    for (let i = 0; i < scale.issues; i++) {
      const r = rng.next();
      const source = r < 0.55 ? 'inspection' : r < 0.9 ? 'self_check' : 'complaint';
      const round = source === 'inspection' ? rng.pick(rounds) : undefined;
      const zoneId = round ? rng.pick(round.zoneIds) : undefined;
      const unit = rng.pick(zoneId ? org.units.filter((u) => u.zoneId === zoneId) : org.units);
      let t = round ? round.recordedAt + rng.int(10 * MINUTE, 3 * HOUR) : startOfDate(dateKeyOf(rng.int(start, latest))) + rng.int(8.5 * HOUR, 17.5 * HOUR);
      if (t > latest) continue;
      const staff = rng.pick(org.staffByUnit.get(unit.id)!);
      const inspector = round?.inspector ?? rng.pick(org.inspectors);
      const reporter = source === 'inspection' ? inspector : source === 'self_check' ? staff : org.command[0];
      const supervisor = source === 'complaint' ? org.command[0] : inspector;
      const category = rng.pick(CATEGORIES);
      const issueId = uuidAt(t);
      const reported: PayloadOf<'issue.reported'> = {
        issueId,
        category,
        zoneId: unit.zoneId,
        gridCellId: rng.chance(0.8) ? rng.pick(org.cellsByUnit.get(unit.id)!) : null,
        place: `${rng.pick(STREETS)}${rng.int(1, 300)}号附近`,
        description: rng.pick(ISSUE_TEXT[category]),
        photoIds: [photo(reporter, t)],
        source,
        ...(round ? { inspectionId: round.inspectionId } : {}),
      };
      // Each step of an issue reaches the server after the one before it: nobody moves an issue it has not pulled.
      let received = emit(reporter, unit.id, t, { kind: 'issue.reported', payload: reported }, (round?.receivedAt ?? 0) + 1).receivedAt;
      count++;
      const move = (who: Enrolled, after: number, body: Pick<ClientEvent, 'kind' | 'payload'>): boolean => {
        t += after;
        if (t > latest) return false;
        received = emit(who, unit.id, t, body, received + 1).receivedAt;
        return true;
      };
      const rectify = (after: number) =>
        move(staff, after, { kind: 'issue.rectified', payload: { issueId, note: '已按要求整改到位', photoIds: [photo(staff, t + after)] } });
      const verify = (passed: boolean) =>
        move(inspector, rng.int(5 * DAY, 9 * DAY), {
          kind: 'issue.verified',
          payload: { issueId, passed, note: passed ? '回头看：已整改到位' : '回头看：整改不到位，返工', photoIds: [] },
        });
      const walk = () => {
        if (rng.chance(0.05)) return void move(supervisor, rng.int(HOUR, DAY), { kind: 'issue.rejected', payload: { issueId, reason: '经核实不属于本单位责任范围' } });
        if (source !== 'self_check' && !move(supervisor, rng.int(30 * MINUTE, 6 * HOUR), { kind: 'issue.assigned', payload: { issueId, unitId: unit.id } })) return;
        if (!rectify(rng.int(2 * HOUR, Math.round(days[category] * 1.3 * DAY)))) return;
        const passed = rng.chance(0.85);
        if (!verify(passed) || passed) return;
        if (rectify(rng.int(DAY, 3 * DAY))) verify(true);
      };
      walk();
    }
    for (let i = 0; i < photoRows.length; i += 200) db.insert(photos).values(photoRows.slice(i, i + 200)).run();
    // Each uploader holds their photo (server/domain/photos.ts), as an upload through the photo route records.
    const holders = photoRows.map((p) => ({ photoId: p.id, personId: p.uploadedBy, at: p.createdAt }));
    for (let i = 0; i < holders.length; i += 200) db.insert(photoHolders).values(holders.slice(i, i + 200)).run();
    return { rounds: rounds.length, issues: count };
  });
}
