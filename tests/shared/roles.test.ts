import { describe, expect, it } from 'vitest';
import { rolesOf } from '../../shared/roles';
import { may } from '../../shared/permissions';
import { scopeOf } from '../../shared/scope';
import type { Person, Unit, Zone } from '../../shared/schemas/org';

const zones: Zone[] = [
  { id: 'z1', number: 1, name: '1号片区', chiefPersonId: 'p-zhang', leadUnitId: 'u-lead' },
  { id: 'z2', number: 2, name: '2号片区', chiefPersonId: 'p-chen', leadUnitId: null },
  { id: 'z3', number: 3, name: '3号片区', chiefPersonId: null, leadUnitId: null },
];
const units: Unit[] = [
  { id: 'u-lead', name: '县住建局', zoneId: 'z3' },
  { id: 'u-a', name: '县教育局', zoneId: 'z1' },
  { id: 'u-b', name: '县市场监管局', zoneId: 'z2' },
];
const zhang: Person = { id: 'p-zhang', name: '张伟', role: 'staff', unitId: 'u-lead' };
const chen: Person = { id: 'p-chen', name: '陈刚', role: 'zone_chief', unitId: null };

describe('a person’s roles on a day', () => {
  it('a unit’s staff named chief of a zone is both, and may do what either may', () => {
    const roles = rolesOf(zhang, zones);
    expect(roles).toEqual(['staff', 'zone_chief']);
    expect(may(roles, 'unit.work')).toBe(true);
    expect(may(roles, 'issue.assign')).toBe(true);
    expect(may(roles, 'unit.readPhones')).toBe(false);
    expect(may(roles, 'county.see')).toBe(false);
  });

  it('the same person is staff only on a day no zone names them', () => {
    const roles = rolesOf(zhang, zones.filter((z) => z.id !== 'z1'));
    expect(roles).toEqual(['staff']);
    expect(may(roles, 'issue.assign')).toBe(false);
  });

  it('a chief without a unit stays a chief, named or not', () => {
    expect(rolesOf(chen, zones)).toEqual(['zone_chief']);
    expect(rolesOf(chen, [])).toEqual(['zone_chief']);
  });

  it('sees their own unit and every unit of the zone they chief, and nothing else', () => {
    const scope = scopeOf(zhang, zones, units);
    expect(scope.all).toBe(false);
    if (scope.all) return;
    expect([...scope.unitIds].sort()).toEqual(['u-a', 'u-lead']);
    expect([...scope.zoneIds]).toEqual(['z1']);
  });
});
