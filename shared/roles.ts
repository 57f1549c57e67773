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

// Who may do what is in shared/permissions.ts.
