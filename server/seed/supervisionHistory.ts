/*
 * 60 days of supervision: the two inspection teams each walk a third of their 17 zones every working day (so each
 * zone is inspected about every three working days, 三天一督查), and about 150 issues from all three sources run
 * through the closed loop to every state: reported, assigned, rectified, verified, reopened (返工), rejected.
 * Issues reported long ago and still open are overdue, as they would be.
 */
import { CATEGORIES, type Category } from '../../shared/categories';
import { DAY, HOUR, MINUTE, addDays, dateKeyOf, datesBetween, instantAt, startOfDate, type Calendar } from '../../shared/calendar';
import type { ClientEvent, IssueSource } from '../../shared/schemas/events';
import type { GridCell, Person, Unit, Zone } from '../../shared/schemas/org';
import { AFTER_PHOTO_IDS, BEFORE_PHOTO_IDS } from './demoPhotos';
import { INSPECTION_TEAMS } from './demoOrg';
import { LAGGING_UNIT_NAMES, HISTORY_DAYS } from './dutyHistory';
import { COMPLAINT_PREFIX, FAIL_NOTES, FINDINGS, PASS_NOTES, RECTIFY_NOTES, REJECT_REASONS } from './issueTexts';
import { STREETS } from './names';
import type { SeedEvent } from './ledgerWriter';
import { uuidv7At, type Rng } from './random';

export const DEMO_ISSUE_COUNT = 150;
/** "Lately", for issues still open: within this many days of `now`. */
const RECENT_DAYS = 3;

type Step = 'assign' | 'rectify' | 'pass' | 'fail' | 'reject';
/** Where an issue's story ends, and how often: the steps after the report (self-checks skip 'assign'). */
const PLANS: Array<[weight: number, steps: Step[]]> = [
  [10, []],
  [16, ['assign']],
  [14, ['assign', 'rectify']],
  [36, ['assign', 'rectify', 'pass']],
  [9, ['assign', 'rectify', 'fail']],
  [5, ['assign', 'rectify', 'fail', 'rectify']],
  [6, ['assign', 'rectify', 'fail', 'rectify', 'pass']],
  [4, ['reject']],
  [3, ['assign', 'reject']],
];

interface Round {
  id: string;
  zoneIds: string[];
  inspectorId: string;
  recordedAt: number;
  event: Extract<ClientEvent, { kind: 'inspection.recorded' }>;
  findings: number;
}

export interface ComplaintContact {
  issueId: string;
  name: string;
  phone: string;
  recordedBy: string;
  recordedAt: number;
}

export interface SupervisionInput {
  zones: readonly Zone[];
  units: readonly Unit[];
  gridCells: readonly GridCell[];
  people: readonly Person[];
  rng: Rng;
  now: number;
  /** Which days the teams go out: working days of the county's calendar. */
  calendar: Calendar;
  /** Makes a complainant's name (not one of the county's people). */
  complainantName: () => string;
}

export function supervisionHistory(input: SupervisionInput): { events: SeedEvent[]; complaintContacts: ComplaintContact[] } {
  const { rng, now } = input;
  const events: SeedEvent[] = [];
  const emit = (actorId: string, event: ClientEvent) => events.push({ event, actorId, receivedAt: Math.min(event.clientTime + rng.int(2, 40) * 1000, now) });
  const rounds = inspectionRounds(input);
  for (const r of rounds) emit(r.inspectorId, r.event);

  const staffOf = (unitId: string) => input.people.filter((p) => p.unitId === unitId && p.role === 'staff');
  const inspectors = INSPECTION_TEAMS.flatMap((t) => t.memberIds);
  const commands = input.people.filter((p) => p.role === 'command').map((p) => p.id);
  const lagging = input.units.filter((u) => LAGGING_UNIT_NAMES.includes(u.name));
  const complaintContacts: ComplaintContact[] = [];
  const totalWeight = PLANS.reduce((s, [w]) => s + w, 0);

  for (let n = 0; n < DEMO_ISSUE_COUNT; n++) {
    let pick = rng.next() * totalWeight;
    const [, plan] = PLANS.find(([w]) => (pick -= w) < 0) ?? PLANS[0];
    const roll = rng.next();
    const source: IssueSource = roll < 0.5 ? 'inspection' : roll < 0.8 ? 'self_check' : roll < 0.9 ? 'complaint' : 'public';
    // Complaints and accepted public reports are filed by the command center, which also 交办s them.
    const viaCommand = source === 'complaint' || source === 'public';
    const steps = source === 'self_check' ? plan.filter((s) => s !== 'assign') : plan;
    const category: Category = rng.pick(CATEGORIES);
    const gaps = steps.map((s) => gapBefore(s, category, rng));
    const span = gaps.reduce((a, b) => a + b, 0);
    // Most issues still open came up lately; the rest are the overdue ones the escalation ladder is for.
    const last = steps[steps.length - 1];
    const endsOpen = last === undefined || last === 'assign' || last === 'fail';
    const endAt = endsOpen && rng.chance(0.6)
      ? now - rng.int(30, RECENT_DAYS * 24 * 60) * MINUTE
      : now - 30 * MINUTE - rng.next() * ((HISTORY_DAYS - 2) * DAY - span);
    const target = endAt - span;

    let reportedAt: number;
    let unit: Unit;
    let reporter: string;
    let round: Round | undefined;
    if (source === 'inspection') {
      // The last round back before the target time: findings are filed when the team returns.
      round = rounds.filter((r) => r.recordedAt + 30 * MINUTE <= target).pop();
      if (!round) continue;
      const zoneId = rng.pick(round.zoneIds);
      unit = rng.pick(input.units.filter((u) => u.zoneId === zoneId));
      reporter = round.inspectorId;
      reportedAt = round.recordedAt + rng.int(2, 30) * MINUTE;
      round.findings++;
    } else {
      // Lagging units draw more complaints and find more of their own problems: one in five issues is theirs.
      unit = rng.chance(0.2) ? rng.pick(lagging) : rng.pick(input.units);
      reporter = viaCommand ? rng.pick(commands) : rng.pick(staffOf(unit.id)).id;
      reportedAt = workingHourBefore(target, rng);
      if (reportedAt < now - HISTORY_DAYS * DAY) continue;
    }

    const issueId = uuidv7At(reportedAt, rng);
    const cells = input.gridCells.filter((c) => c.unitId === unit.id);
    const cell = rng.chance(0.6) ? rng.pick(cells) : null;
    const finding = rng.pick(FINDINGS[category]);
    const photoChance = source === 'inspection' ? 0.7 : source === 'self_check' ? 0.6 : source === 'public' ? 0.8 : 0.3;
    emit(reporter, {
      id: uuidv7At(reportedAt, rng),
      unitId: unit.id,
      clientTime: reportedAt,
      kind: 'issue.reported',
      payload: {
        issueId,
        category,
        zoneId: unit.zoneId,
        gridCellId: cell?.id ?? null,
        place: cell ? cell.name : `${rng.pick(STREETS)}${rng.int(1, 199)}号门前`,
        description: source === 'complaint' ? COMPLAINT_PREFIX + finding : finding,
        photoIds: rng.chance(photoChance) ? [rng.pick(BEFORE_PHOTO_IDS)] : [],
        source,
        inspectionId: round?.id ?? null,
      },
    });
    if (source === 'complaint') {
      complaintContacts.push({ issueId, name: input.complainantName(), phone: `13${rng.int(100000000, 999999999)}`, recordedBy: reporter, recordedAt: reportedAt });
    }

    const supervisor = viaCommand || source === 'inspection' ? reporter : rng.pick(inspectors);
    let at = reportedAt;
    steps.forEach((step, i) => {
      at += gaps[i];
      const id = uuidv7At(at, rng);
      const base = { id, unitId: unit.id, clientTime: at };
      switch (step) {
        case 'assign':
          return emit(supervisor, { ...base, kind: 'issue.assigned', payload: { issueId, unitId: unit.id } });
        case 'rectify':
          return emit(rng.pick(staffOf(unit.id)).id, {
            ...base,
            kind: 'issue.rectified',
            payload: { issueId, note: rng.pick(RECTIFY_NOTES), photoIds: rng.sample(AFTER_PHOTO_IDS, rng.int(1, 2)) },
          });
        case 'pass':
        case 'fail':
          return emit(rng.pick(inspectors), {
            ...base,
            kind: 'issue.verified',
            payload: { issueId, passed: step === 'pass', note: rng.pick(step === 'pass' ? PASS_NOTES : FAIL_NOTES), photoIds: [] },
          });
        case 'reject':
          return emit(viaCommand ? supervisor : rng.pick(inspectors), { ...base, kind: 'issue.rejected', payload: { issueId, reason: rng.pick(REJECT_REASONS) } });
      }
    });
  }
  for (const r of rounds) {
    r.event.payload.summary = `督查${r.zoneIds.length}个片区，发现问题${r.findings}处${r.findings ? '，已现场交办责任单位' : '，环境卫生总体良好'}`;
  }
  return { events, complaintContacts };
}

/** Each team splits its zones into three groups and walks one group each working day, 09:00 to about noon. */
function inspectionRounds({ zones, rng, now, calendar }: SupervisionInput): Round[] {
  const today = dateKeyOf(now);
  const rounds: Round[] = [];
  const half = Math.ceil(zones.length / 2);
  const teamZones = [zones.slice(0, half), zones.slice(half)];
  let workday = 0;
  for (const date of datesBetween(addDays(today, -(HISTORY_DAYS - 1)), today)) {
    if (!calendar.isWorkingDay(date)) continue;
    INSPECTION_TEAMS.forEach((team, t) => {
      const group = teamZones[t].filter((_, i) => i % 3 === workday % 3);
      const startedAt = instantAt(date, '09:00') + rng.int(0, 30) * MINUTE;
      const recordedAt = startedAt + rng.int(150, 200) * MINUTE;
      if (recordedAt > now - MINUTE) return;
      const inspectorId = team.memberIds[workday % team.memberIds.length];
      const id = uuidv7At(startedAt, rng);
      rounds.push({
        id,
        zoneIds: group.map((z) => z.id),
        inspectorId,
        recordedAt,
        findings: 0,
        event: {
          id: uuidv7At(recordedAt, rng),
          unitId: group[0].leadUnitId!,
          clientTime: recordedAt,
          kind: 'inspection.recorded',
          payload: { inspectionId: id, zoneIds: group.map((z) => z.id), summary: '', startedAt },
        },
      });
    });
    workday++;
  }
  return rounds;
}

/** Time from the previous step to this one. */
function gapBefore(step: Step, category: Category, rng: Rng): number {
  switch (step) {
    case 'assign':
      return rng.int(10, 240) * MINUTE;
    case 'rectify':
      // Mostly within the category's 时限, sometimes past it.
      return rng.int(2, category === 'sanitation' ? 30 : 96) * HOUR;
    case 'pass':
    case 'fail':
      return rng.int(1, 7) * DAY + rng.int(0, 6) * HOUR; // 回头看 within about a week
    case 'reject':
      return rng.int(1, 48) * HOUR;
  }
}

/** A time within working hours (08:30–17:30 Shanghai) at or before `ms`: reports are made when people are at work. */
function workingHourBefore(ms: number, rng: Rng): number {
  let day = startOfDate(dateKeyOf(ms));
  if (ms < day + 8.5 * HOUR + 10 * MINUTE) day -= DAY;
  const open = day + 8.5 * HOUR;
  return open + Math.floor(rng.next() * (Math.min(ms, day + 17.5 * HOUR) - open));
}
