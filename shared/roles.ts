export const ROLES = ['staff', 'unit_head', 'dept_head', 'zone_chief', 'inspector', 'command'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  staff: '责任单位工作人员',
  unit_head: '单位负责人',
  dept_head: '牵头单位负责人',
  zone_chief: '片长',
  inspector: '督查组',
  command: '创卫指挥部',
};

export function roleByName(name: string): Role | undefined {
  const trimmed = name.trim();
  return ROLES.find((r) => ROLE_NAMES[r] === trimmed || r === trimmed);
}

/**
 * Everything a person is on a day: their own role (their place in a unit, or 督查组 / 指挥部), and 片长 when a zone
 * of that day names them its chief, whatever their unit role. One person can thus tick their unit's duties and
 * chase the units of the zone they chief. `zones`: the zones in effect that day (the organisation as it was).
 */
export function rolesOf(person: { id: string; role: Role }, zones: readonly { chiefPersonId: string | null }[]): readonly Role[] {
  if (person.role === 'zone_chief' || !zones.some((z) => z.chiefPersonId === person.id)) return [person.role];
  return [person.role, 'zone_chief'];
}

/**
 * How a person is named on code slips, lists and page headers: their role, and the zones they chief besides
 * (“责任单位工作人员 · 3号片区片长”). `chiefOf`: the zones' labels, e.g. 3号片区.
 */
export function roleLabel(role: Role, chiefOf: readonly string[]): string {
  if (role === 'zone_chief' || !chiefOf.length) return ROLE_NAMES[role];
  return `${ROLE_NAMES[role]} · ${chiefOf.join('、')}片长`;
}

// Who may do what is in shared/permissions.ts.
