/*
 * What a roster file says, gathered row by row into a plan before anything is compared or written. Both layouts
 * (roster.ts reads them) speak through the same few verbs: a zone exists, a unit exists, a unit leads a zone, a
 * cell belongs to a unit in a zone, a person has a role, a person chiefs a zone. Each verb checks that the file
 * agrees with itself and answers with reasons in Chinese; line numbers point at the row that said it first.
 *
 * The world as it is: a lead unit need not own cells in the zone it leads; a unit may own cells in several
 * zones (its home zone is the first one the file names it in); one person may chief several zones, and may be a
 * unit's person and a zone's chief at once (the 片长 and the unit's person share name and phone: mergeChiefs); the
 * same name in two units is two people, and in one unit two people when their phone numbers differ.
 */
import type { Duty } from '../../shared/schemas/org';
import { ROLE_NAMES, type Role } from '../../shared/roles';

export interface PlannedZone {
  number: number;
  name: string | null;
  nameLine: number;
  chief?: { key: PersonRef; line: number };
  lead?: { unitName: string; line: number };
}
export interface PlannedUnit {
  name: string;
  /** The zones the file names this unit in, in file order; empty for a unit that only leads. */
  zones: number[];
  line: number;
}
export interface PlannedCell {
  unitName: string;
  zoneNumber: number | null;
  name: string;
  personName: string;
  line: number;
}
export interface PlannedPerson {
  name: string;
  role: Role;
  unitName: string | null;
  phone: string | null;
  line: number;
}
export interface PlannedDuty {
  duty: Omit<Duty, 'id' | 'unitIds'>;
  unitNames: string[];
  /** 不适用单位: the item is every unit's except these. */
  exceptUnitNames: string[];
  line: number;
}
/** Which planned person: by (name, unit) and, among namesakes in one unit, by their place in that list. */
export interface PersonRef {
  group: string;
  index: number;
}

/** Roles whose people belong to a unit (a roster row names it); zone chiefs, inspectors and 指挥部 do not. */
export const ROLES_WITH_UNIT: readonly Role[] = ['staff', 'unit_head', 'dept_head'];
/** In the county layout a cell's person is at least staff: naming them again never demotes a head. */
const RANK: Partial<Record<Role, number>> = { staff: 1, unit_head: 2, dept_head: 3 };

export const groupOf = (name: string, unitName: string | null) => `${name}|${unitName ?? ''}`;
export const refKey = (ref: PersonRef) => `${ref.group}#${ref.index}`;

export class Plan {
  zones = new Map<number, PlannedZone>();
  units = new Map<string, PlannedUnit>();
  cells = new Map<string, PlannedCell>();
  people = new Map<string, PlannedPerson[]>();
  duties = new Map<string, PlannedDuty>();
  /** Chiefs found to be a unit's person (mergeChiefs): no longer people of their own. */
  private merged = new Set<string>();
  /** What the command center should look at before confirming, though nothing is wrong (namesakes kept apart). */
  notices: string[] = [];

  zone(number: number, name: string, line: number): string[] {
    let zone = this.zones.get(number);
    if (!zone) this.zones.set(number, (zone = { number, name: null, nameLine: line }));
    if (!name) return [];
    if (zone.name === null) {
      Object.assign(zone, { name, nameLine: line });
      return [];
    }
    return zone.name === name ? [] : [`片区编号${number}的名称“${name}”与第${zone.nameLine}行的“${zone.name}”不一致`];
  }

  unit(name: string, zoneNumber: number | null, line: number): void {
    let unit = this.units.get(name);
    if (!unit) this.units.set(name, (unit = { name, zones: [], line }));
    if (zoneNumber !== null && !unit.zones.includes(zoneNumber)) unit.zones.push(zoneNumber);
  }

  lead(zoneNumber: number, unitName: string, line: number): string[] {
    this.unit(unitName, null, line);
    const zone = this.zones.get(zoneNumber)!;
    if (zone.lead && zone.lead.unitName !== unitName) return [`${zoneNumber}号片区在第${zone.lead.line}行已有牵头单位“${zone.lead.unitName}”`];
    zone.lead ??= { unitName, line };
    return [];
  }

  cell(unitName: string, zoneNumber: number | null, name: string, personName: string, line: number): string[] {
    const key = `${unitName}|${name}`;
    const planned = this.cells.get(key);
    if (!planned) {
      this.cells.set(key, { unitName, zoneNumber, name, personName, line });
      return [];
    }
    if (planned.personName !== personName) return [`网格“${name}”在第${planned.line}行的责任人是“${planned.personName}”，这里却是“${personName}”`];
    if (zoneNumber !== null && planned.zoneNumber !== null && planned.zoneNumber !== zoneNumber) {
      return [`网格“${name}”在第${planned.line}行属于${planned.zoneNumber}号片区，这里却是${zoneNumber}号`];
    }
    return [];
  }

  /**
   * A person with a role. `strict` (the template, where every row states a role) refuses a second, different
   * role; otherwise the higher unit role stands. Namesakes in one unit are told apart by phone.
   */
  person(p: PlannedPerson, strict: boolean): { ref: PersonRef; reasons: string[] } {
    const group = groupOf(p.name, p.unitName);
    const list = this.people.get(group) ?? [];
    this.people.set(group, list);
    const index = list.findIndex((q) => !(q.phone && p.phone && q.phone !== p.phone));
    if (index < 0) {
      list.push(p);
      return { ref: { group, index: list.length - 1 }, reasons: [] };
    }
    const known = list[index];
    known.phone ??= p.phone;
    const ref = { group, index };
    if (known.role === p.role) return { ref, reasons: [] };
    const ranked = RANK[known.role] !== undefined && RANK[p.role] !== undefined;
    if (!strict && ranked) {
      if (RANK[p.role]! > RANK[known.role]!) known.role = p.role;
      return { ref, reasons: [] };
    }
    return { ref, reasons: [`“${p.name}”在第${known.line}行的角色是“${ROLE_NAMES[known.role]}”，这里却是“${ROLE_NAMES[p.role]}”`] };
  }

  chief(zoneNumber: number, ref: PersonRef, line: number): string[] {
    const zone = this.zones.get(zoneNumber)!;
    if (zone.chief && (zone.chief.key.group !== ref.group || zone.chief.key.index !== ref.index)) {
      return [`${zoneNumber}号片区在第${zone.chief.line}行已有片长“${this.personAt(zone.chief.key).name}”`];
    }
    zone.chief ??= { key: ref, line };
    return [];
  }

  personAt(ref: PersonRef): PlannedPerson {
    return this.people.get(ref.group)![ref.index];
  }

  allPeople(): Array<{ ref: PersonRef; person: PlannedPerson }> {
    return [...this.people].flatMap(([group, list]) => list.flatMap((person, index) => (this.merged.has(refKey({ group, index })) ? [] : [{ ref: { group, index }, person }])));
  }

  /** The zones a planned person chiefs, in number order. */
  chiefOf(ref: PersonRef): number[] {
    return [...this.zones.values()].filter((z) => z.chief && refKey(z.chief.key) === refKey(ref)).map((z) => z.number).sort((a, b) => a - b);
  }

  /**
   * Once every row is read: a 片长 (named without a unit) who shares name AND phone with one unit's person in the
   * file is that person, who then also chiefs the zone: one person, one enrolment. A name alone never merges
   * (namesakes are common); when a phone is missing on either side the two stay apart and a notice says so.
   */
  mergeChiefs(): void {
    const unitPeople = this.allPeople().filter(({ person }) => person.unitName !== null);
    const chiefs = new Map([...this.zones.values()].flatMap((z) => (z.chief ? [[refKey(z.chief.key), z.chief.key] as const] : [])));
    for (const [key, ref] of chiefs) {
      const chief = this.personAt(ref);
      if (chief.unitName !== null) continue;
      const namesakes = unitPeople.filter(({ person }) => person.name === chief.name);
      const same = namesakes.filter(({ person }) => chief.phone !== null && person.phone === chief.phone);
      if (same.length === 1) {
        for (const z of this.zones.values()) if (z.chief && refKey(z.chief.key) === key) z.chief.key = same[0].ref;
        this.merged.add(key);
        continue;
      }
      if (same.length > 1) {
        this.notices.push(`片长${chief.name}与${same.map(({ person }) => person.unitName).join('、')}的${chief.name}同名同电话，无法确定是哪一位，按不同的人导入；请核对电话`);
        continue;
      }
      for (const { person } of namesakes) {
        if (chief.phone && person.phone) continue; // both phones given and different: two people
        this.notices.push(`片长${chief.name}与${person.unitName}的${person.name}同名但未填电话，按两人导入；如是同一人请填写电话`);
      }
    }
  }
}

/** A phone number as counties write it: digits with spaces, dashes or brackets; 7 to 15 digits once cleaned. */
export function cleanPhone(cell: string): { phone: string | null; problem?: string } {
  if (!cell) return { phone: null };
  const phone = cell.replace(/[\s\-－—()（）]/g, '');
  if (!/^\+?\d{7,15}$/.test(phone)) return { phone: null, problem: `联系电话“${cell}”不是有效的电话号码` };
  return { phone };
}

/** 12, "12号", "12号片区" or a zone name that starts with its number ("12号五小厂片区"). */
export function zoneNumberOf(numberCell: string, nameCell: string): { number: number | null; problem?: string } {
  if (numberCell) {
    const m = /^(\d{1,3})(号)?(片区)?$/.exec(numberCell);
    if (!m || Number(m[1]) < 1) return { number: null, problem: `片区编号“${numberCell}”应为1到999的数字` };
    return { number: Number(m[1]) };
  }
  const fromName = /^(\d{1,3})号/.exec(nameCell);
  if (fromName && Number(fromName[1]) >= 1) return { number: Number(fromName[1]) };
  return { number: null, problem: nameCell ? `片区“${nameCell}”缺少片区编号（或以“12号”开头的名称）` : undefined };
}
