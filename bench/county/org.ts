/*
 * The synthetic county's organisation: zones, units, grid cells, people in every role, the duty list, and one
 * enrolled device per person. Device tokens are kept in memory for the bench's HTTP clients; the file holds only
 * their SHA-256, exactly as a real enrolment leaves it.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/db/open';
import { devices, duties, gridCells, people, units, zones } from '../../server/db/schema';
import { sha256 } from '../../server/domain/auth';
import type { Duty, Person, Unit, Zone } from '../../shared/schemas/org';
import type { Role } from '../../shared/roles';
import type { Scale } from '../scale';
import { DUTY_SPECS, STREETS, ZONE_PLACES, personName, unitName } from './names';

export interface Enrolled {
  person: Person & { role: Role };
  deviceId: string;
  token: string;
}

export interface SyntheticOrg {
  zones: Zone[];
  units: Unit[];
  duties: Duty[];
  /** Grid cell ids by unit. */
  cellsByUnit: Map<string, string[]>;
  staffByUnit: Map<string, Enrolled[]>;
  headByUnit: Map<string, Enrolled>;
  chiefs: Enrolled[];
  inspectors: Enrolled[];
  command: Enrolled[];
  everyone: Enrolled[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Inserts rows in chunks, under SQLite's limit on bound variables per statement. */
function insertAll<T>(rows: T[], insert: (chunk: T[]) => void, size = 500) {
  for (let i = 0; i < rows.length; i += size) insert(rows.slice(i, i + size));
}

export function buildOrg(db: Db, scale: Scale, now: number): SyntheticOrg {
  const zoneList: Zone[] = [];
  const unitList: Unit[] = [];
  const everyone: Enrolled[] = [];
  let personIndex = 0;
  const enrol = (role: Role, unitId: string | null): Enrolled => {
    const i = personIndex++;
    const person = { id: `p${pad(i, 5)}`, name: personName(i), role, unitId };
    const e = { person, deviceId: `d_bench${pad(i, 5)}`, token: randomBytes(24).toString('base64url') };
    everyone.push(e);
    return e;
  };

  for (let z = 0; z < scale.zones; z++) {
    zoneList.push({ id: `z${pad(z + 1, 2)}`, number: z + 1, name: `${z + 1}号${ZONE_PLACES[z % ZONE_PLACES.length]}片区`, chiefPersonId: null, leadUnitId: null });
  }
  for (let u = 0; u < scale.units; u++) {
    // Units spread evenly over zones, so zones hold 8 or 9 units at full scale.
    const zone = zoneList[Math.floor((u * scale.zones) / scale.units)];
    unitList.push({ id: `u${pad(u + 1, 3)}`, name: unitName(u), zoneId: zone.id });
  }
  const cellsByUnit = new Map<string, string[]>();
  const cellRows = unitList.flatMap((u, i) => {
    const ids = [`${u.id}-g1`, `${u.id}-g2`];
    cellsByUnit.set(u.id, ids);
    return ids.map((id, k) => ({ id, unitId: u.id, zoneId: u.zoneId, name: `${STREETS[(i + k) % STREETS.length]}${k === 0 ? '东段' : '西段'}`, personName: personName(i * 2 + k + 7) }));
  });

  const staffByUnit = new Map<string, Enrolled[]>();
  const headByUnit = new Map<string, Enrolled>();
  for (const u of unitList) {
    headByUnit.set(u.id, enrol('unit_head', u.id));
    staffByUnit.set(u.id, Array.from({ length: scale.staffPerUnit }, () => enrol('staff', u.id)));
  }
  const chiefs: Enrolled[] = [];
  for (const zone of zoneList) {
    const chief = enrol('zone_chief', null);
    chiefs.push(chief);
    zone.chiefPersonId = chief.person.id;
    // The first unit of each zone leads it (牵头单位), with a department head.
    const lead = unitList.find((u) => u.zoneId === zone.id)!;
    zone.leadUnitId = lead.id;
    enrol('dept_head', lead.id);
  }
  const inspectors = Array.from({ length: 4 }, () => enrol('inspector', null));
  const command = Array.from({ length: 2 }, () => enrol('command', null));

  const dutyList: Duty[] = DUTY_SPECS.filter((d) => d.cadence === 'daily')
    .slice(0, scale.dailyDuties)
    .concat(DUTY_SPECS.filter((d) => d.cadence === 'weekly').slice(0, scale.weeklyDuties))
    .map((spec, i) => ({ id: `d${pad(i + 1, 2)}`, description: '', dueWeekday: 5, unitIds: [], ...spec }));

  db.transaction((tx) => {
    tx.insert(zones).values(zoneList).run();
    insertAll(unitList, (c) => tx.insert(units).values(c).run());
    insertAll(cellRows, (c) => tx.insert(gridCells).values(c).run());
    insertAll(everyone.map((e) => e.person), (c) => tx.insert(people).values(c).run());
    insertAll(everyone, (c) =>
      tx.insert(devices).values(c.map((e) => ({ id: e.deviceId, personId: e.person.id, name: '办公室电脑', tokenHash: sha256(e.token), createdAt: now }))).run(),
    );
    tx.insert(duties)
      .values(dutyList.map((d, i) => ({ id: d.id, category: d.category, title: d.title, description: d.description, cadence: d.cadence, dueTime: d.dueTime, dueWeekday: d.dueWeekday, workingDaysOnly: d.workingDaysOnly, sortOrder: i + 1 })))
      .run();
  });
  return { zones: zoneList, units: unitList, duties: dutyList, cellsByUnit, staffByUnit, headByUnit, chiefs, inspectors, command, everyone };
}
