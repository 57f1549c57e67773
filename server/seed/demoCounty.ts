/*
 * The demo county (演示县城): 34 zones, about 90 units, people in every role, a realistic responsibility list and
 * 60 days of history up to `now`, written as events through the ledger rules so the projections equal a rebuild.
 * Deterministic: a fixed seed, so the same `now` gives the same county (the enrolment codes alone are random:
 * they are secrets). One transaction; about a second on a laptop.
 */
import { saveTeam } from '../domain/supervision/teams';
import type { InspectionTeam } from '../../shared/schemas/supervision';
import type { Db } from '../db/open';
import { complaintContacts, duties, dutyUnits, gridCells, people, photos, units, zones } from '../db/schema';
import { issueEnrolCode } from '../domain/auth';
import { loadOrg } from '../domain/org';
import { loadCalendar } from '../domain/calendar';
import { ROLE_NAMES } from '../../shared/roles';
import { DAY, dateKeyOf } from '../../shared/calendar';
import { DEFAULT_RUBRIC } from '../../shared/assessment/rubric';
import { appendCountyEvent } from '../domain/assessment/ledgerReads';
import { DEMO_PEOPLE, buildDemoOrg } from './demoOrg';
import { DEMO_PHOTOS } from './demoPhotos';
import { dutyHistory, HISTORY_DAYS } from './dutyHistory';
import { supervisionHistory } from './supervisionHistory';
import { publicHistory } from './publicHistory';
import { seedDeviceId, writeLedger, type SeedEvent } from './ledgerWriter';
import { mulberry32, uuidv7At } from './random';
import { SURNAMES } from './names';
import { mustGet } from '../domain/mustGet';

export { DEMO, DEMO_PEOPLE } from './demoOrg';
export { writeDemoPhotos } from './demoPhotos';
export { LAGGING_UNIT_NAMES } from './dutyHistory';

const SEED = 0x5a1e_2026;

export interface DemoCode {
  code: string;
  name: string;
  roleName: string;
  unitName: string | null;
  personId: string;
}

/** The county's two inspection teams (督查组), members drawn from several county offices. */
const DEMO_TEAMS: InspectionTeam[] = [
  {
    id: '01900000-0000-7000-8000-00000000d001',
    name: '第一督查组',
    members: [
      { name: '何建国', office: '县创卫指挥部', role: 'leader' },
      { name: '罗晓燕', office: '县爱卫办', role: 'liaison' },
      { name: '谢志强', office: '县城市管理局', role: 'member' },
      { name: '韩丽', office: '县卫生健康局', role: 'member' },
    ],
  },
  {
    id: '01900000-0000-7000-8000-00000000d002',
    name: '第二督查组',
    members: [
      { name: '唐卫东', office: '县委督查室', role: 'leader' },
      { name: '冯静', office: '县创卫指挥部', role: 'liaison' },
      { name: '邓海波', office: '县住房和城乡建设局', role: 'member' },
      { name: '曹敏', office: '县市场监督管理局', role: 'member' },
    ],
  },
];

export function seedDemoCounty(db: Db, now: number): { codes: DemoCode[]; events: number } {
  const rng = mulberry32(SEED);
  const org = buildDemoOrg(rng);
  return db.transaction(() => {
    db.insert(zones).values(org.zones).run();
    db.insert(units).values(org.units).run();
    db.insert(gridCells).values(org.gridCells).run();
    db.insert(people).values(org.people).run();
    db.insert(duties)
      .values(org.duties.map(({ unitIds: _owners, ...d }, i) => ({ ...d, sortOrder: i + 1 })))
      .run();
    const owners = org.duties.flatMap((d) => d.unitIds.map((unitId) => ({ dutyId: d.id, unitId })));
    if (owners.length) db.insert(dutyUnits).values(owners).run();
    db.insert(photos)
      .values(DEMO_PHOTOS.map((p) => ({ id: p.id, mime: 'image/png', size: p.bytes.length, uploadedBy: DEMO_PEOPLE.command, createdAt: now - HISTORY_DAYS * DAY })))
      .run();

    for (const team of DEMO_TEAMS) saveTeam(db, team, now - HISTORY_DAYS * DAY);

    const historyRng = mulberry32(SEED + 1);
    const complainantName = () => historyRng.pick(SURNAMES) + historyRng.pick(['先生', '女士']);
    const calendar = loadCalendar(db);
    const supervision = supervisionHistory({ ...org, rng: mulberry32(SEED + 2), now, calendar, complainantName });
    const batch: SeedEvent[] = [...dutyHistory(org.units, org.people, org.duties, historyRng, now, calendar), ...supervision.events];
    const peopleById = new Map(org.people.map((p) => [p.id, p]));
    const count = writeLedger(db, loadOrg(db), peopleById, batch);
    if (supervision.complaintContacts.length) db.insert(complaintContacts).values(supervision.complaintContacts).run();
    publicHistory(db, mulberry32(SEED + 3), now, org.people.filter((p) => p.role === 'command').map((p) => p.id), org.zones);
    // The county's 考核办法, in force from the first day of the history.
    const campaignFrom = now - HISTORY_DAYS * DAY;
    const commandActor = { person: mustGet(peopleById, DEMO_PEOPLE.command, '人员'), deviceId: seedDeviceId(DEMO_PEOPLE.command) };
    appendCountyEvent(db, commandActor, 'rubric.changed', { effectiveFrom: dateKeyOf(campaignFrom), rubric: DEFAULT_RUBRIC }, campaignFrom, uuidv7At(campaignFrom, historyRng));

    const unitName = new Map(org.units.map((u) => [u.id, u.name]));
    const codes = Object.values(DEMO_PEOPLE).map((personId) => {
      const person = mustGet(peopleById, personId, '人员');
      return {
        code: issueEnrolCode(db, personId, now),
        name: person.name,
        roleName: ROLE_NAMES[person.role],
        unitName: person.unitId ? mustGet(unitName, person.unitId, '单位') : null,
        personId,
      };
    });
    return { codes, events: count };
  });
}

