/*
 * The demo county's organisation as plain rows: 34 zones, their zone chiefs and lead units, about 90 units with
 * 1–4 grid cells each, people in every role, and the responsibility list. Ids are short and structural, so a
 * test or a reader can name them: unit u012 leads zone z12; a unit's people are p<unit><n> (p0121 is u012's head,
 * p0122… its staff); grid cells g<unit><n>; zone chiefs p80<zone>; inspectors p81xx; the command center p82xx.
 */
import type { Duty, GridCell, Person, Unit, Zone } from '../../shared/schemas/org';
import type { Role } from '../../shared/roles';
import { DAILY_DUTIES, WEEKLY_DUTIES } from './dutyList';
import { GIVEN_CHARS, LEAD_UNIT_NAMES, MARKET_CELLS, MARKET_UNITS, OTHER_UNITS, PLACES_OF_A_UNIT, SEGMENTS, STREETS, SURNAMES, ZONE_NAMES } from './names';
import type { Rng } from './random';
import { mustGet } from '../domain/mustGet';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const zoneId = (number: number) => `z${number}`;
export const unitId = (index: number) => `u${pad(index, 3)}`;
const unitPerson = (unit: string, n: number) => `p${unit.slice(1)}${n}`;

/** The units of the demo story: zone 12 (12号五小厂片区), its lead unit 县住建局 (u012) and 县第二中学 in it. */
const DEMO_UNIT_ID = unitId(LEAD_UNIT_NAMES.length + 1 + OTHER_UNITS.findIndex(([name]) => name === '县第二中学'));
export const DEMO = {
  zoneId: zoneId(12),
  unitId: DEMO_UNIT_ID,
  leadUnitId: unitId(12),
};

/** The people a demo or a test acts as. Every unit has a head (…1) and at least two staff (…2, …3). */
export const DEMO_PEOPLE = {
  staff: unitPerson(DEMO_UNIT_ID, 2),
  unitHead: unitPerson(DEMO_UNIT_ID, 1),
  deptHead: unitPerson(DEMO.leadUnitId, 1),
  zoneChief: 'p8012',
  inspector: 'p8101',
  command: 'p8201',
} as const;

export const INSPECTION_TEAMS = [
  { name: '第一督查组', memberIds: ['p8101', 'p8102', 'p8103'] },
  { name: '第二督查组', memberIds: ['p8104', 'p8105', 'p8106'] },
];
const COMMAND_IDS = ['p8201', 'p8202', 'p8203'];

export interface DemoOrg {
  zones: Zone[];
  units: Unit[];
  gridCells: GridCell[];
  people: Person[];
  duties: Duty[];
}

export function buildDemoOrg(rng: Rng): DemoOrg {
  const usedNames = new Set<string>();
  const personName = () => {
    for (;;) {
      const given = rng.chance(0.35) ? rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS);
      const name = rng.pick(SURNAMES) + given;
      if (!usedNames.has(name) && given.length > 0 && given[0] !== given[1]) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const person = (id: string, role: Role, unit: string | null): Person => ({ id, name: personName(), role, unitId: unit });

  const units: Unit[] = [
    ...LEAD_UNIT_NAMES.map((name, i) => ({ id: unitId(i + 1), name, zoneId: zoneId(i + 1) })),
    ...OTHER_UNITS.map(([name, zone], i) => ({ id: unitId(LEAD_UNIT_NAMES.length + 1 + i), name, zoneId: zoneId(zone) })),
  ];
  const zones: Zone[] = ZONE_NAMES.map((name, i) => ({
    id: zoneId(i + 1),
    number: i + 1,
    name,
    chiefPersonId: `p80${pad(i + 1, 2)}`,
    leadUnitId: unitId(i + 1),
  }));

  const people: Person[] = [
    ...zones.map((z) => person(z.chiefPersonId!, 'zone_chief', null)),
    ...INSPECTION_TEAMS.flatMap((t) => t.memberIds.map((id) => person(id, 'inspector', null))),
    ...COMMAND_IDS.map((id) => person(id, 'command', null)),
  ];
  const gridCells: GridCell[] = [];
  const leadIds = new Set(zones.map((z) => z.leadUnitId));
  for (const unit of units) {
    const staffCount = unit.id === DEMO.unitId ? 3 : rng.int(2, 3);
    const head = person(unitPerson(unit.id, 1), leadIds.has(unit.id) ? 'dept_head' : 'unit_head', unit.id);
    const staff = Array.from({ length: staffCount }, (_, i) => person(unitPerson(unit.id, i + 2), 'staff', unit.id));
    people.push(head, ...staff);
    const cellNames = MARKET_UNITS.includes(unit.name)
      ? rng.sample(MARKET_CELLS, 3)
      : [rng.pick(PLACES_OF_A_UNIT), ...rng.sample(STREETS, rng.int(0, 3)).map((s) => s + rng.pick(SEGMENTS))];
    cellNames.forEach((name, i) => {
      gridCells.push({ id: `g${unit.id.slice(1)}${i + 1}`, unitId: unit.id, zoneId: unit.zoneId, name, personName: (staff[i] ?? rng.pick(staff)).name });
    });
  }

  const unitIdByName = new Map(units.map((u) => [u.name, u.id]));
  const toDuty = (prefix: string) => (item: (typeof DAILY_DUTIES)[number], i: number): Duty => {
    const { only, ...rest } = item;
    return { ...rest, id: `duty-${prefix}-${pad(i + 1, 2)}`, unitIds: (only ?? []).map((name) => mustGet(unitIdByName, name, '单位')) };
  };
  const duties = [...DAILY_DUTIES.map(toDuty('daily')), ...WEEKLY_DUTIES.map(toDuty('weekly'))];
  return { zones, units, gridCells, people, duties };
}
