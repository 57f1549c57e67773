/*
 * Who may do what: one table of role × action, read by the server (the procedure builder `allowedTo` in
 * server/trpc.ts and the event rules in server/domain/eventRules.ts) and by the extension (which tabs and buttons
 * appear). tests/server/authz.test.ts checks every procedure's refusals against this table.
 *
 * `scope` says which units an allowed role acts on; the check itself needs the unit, so it sits where the unit is
 * known (shared/scope.ts computes what a person sees):
 * - 'county': not about one unit (settings, the roster, the county's schedule), or every unit alike;
 * - 'seen': units in the caller's scope (a zone chief's zones, a lead unit's zones, the whole county for the
 *   inspectors and the command center);
 * - 'own': the caller's own unit only.
 */
import type { Role } from './roles';

export type ActionScope = 'county' | 'seen' | 'own';

interface Permission {
  roles: readonly Role[];
  scope: ActionScope;
}

/** The heads of units and zones, and the command center: who reads figures, scores and 通报 and chases units. */
const HEADS: readonly Role[] = ['unit_head', 'dept_head', 'zone_chief', 'command'];
/** 督查组 and 指挥部: who inspect, verify fixes and see every zone's inspection state. */
const SUPERVISORS: readonly Role[] = ['inspector', 'command'];
const COMMAND: readonly Role[] = ['command'];

export const PERMISSIONS = {
  /** See every unit of the county (shared/scope.ts); the other roles see their unit or the zones they lead. */
  'county.see': { roles: SUPERVISORS, scope: 'county' },
  /** Act as a member of a unit: tick its duties, report its own problems, rectify them, acknowledge nudges. */
  'unit.work': { roles: ['staff', 'unit_head'], scope: 'own' },
  /** See the phone numbers of one's own unit's people (the command center sees everyone's through admin). */
  'unit.readPhones': { roles: ['unit_head', 'dept_head'], scope: 'own' },

  'export.download': { roles: HEADS, scope: 'seen' },
  'assessment.read': { roles: HEADS, scope: 'seen' },
  'nudge.send': { roles: HEADS, scope: 'seen' },
  'rounds.readSummaries': { roles: ['dept_head', 'command'], scope: 'seen' },

  'inspection.work': { roles: SUPERVISORS, scope: 'county' },
  'inspection.record': { roles: SUPERVISORS, scope: 'county' },
  /** Report a problem found on an inspection (督查发现): the supervisors, and heads of zones for their zones. */
  'issue.reportFound': { roles: ['inspector', 'command', 'zone_chief', 'dept_head'], scope: 'seen' },
  'issue.assign': { roles: ['inspector', 'command', 'dept_head', 'zone_chief'], scope: 'seen' },
  'issue.rectify': { roles: ['staff', 'unit_head'], scope: 'own' },
  'issue.verify': { roles: SUPERVISORS, scope: 'county' },
  // 不予受理 by those who triage: the command center, inspectors, and a lead unit's head for the zones it leads.
  'issue.reject': { roles: ['inspector', 'command', 'dept_head'], scope: 'seen' },
  'appeal.file': { roles: ['unit_head'], scope: 'own' },

  'complaint.log': { roles: COMMAND, scope: 'county' },
  'complaint.readContact': { roles: COMMAND, scope: 'county' },
  'intake.handle': { roles: COMMAND, scope: 'county' },
  'settings.change': { roles: COMMAND, scope: 'county' },
  'teams.change': { roles: COMMAND, scope: 'county' },
  'calendar.set': { roles: COMMAND, scope: 'county' },
  'assessment.manage': { roles: COMMAND, scope: 'county' },
  'appeal.decide': { roles: COMMAND, scope: 'county' },
  'admin.manage': { roles: COMMAND, scope: 'county' },
  /** Pull the admin events (imports, settings, codes, revocations) along with the rest of the ledger. */
  'adminEvents.read': { roles: COMMAND, scope: 'county' },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;

/**
 * Whether someone holding `roles` may take `action` at all (on some unit: see the action's scope). A person can hold
 * two roles at once (a unit's staff who is also a zone's 片长, shared/roles.ts `rolesOf`): either one is enough.
 */
export function may(roles: Role | readonly Role[], action: Action): boolean {
  const allowed = PERMISSIONS[action].roles as readonly Role[];
  return typeof roles === 'string' ? allowed.includes(roles) : roles.some((r) => allowed.includes(r));
}

/** The roles allowed an action. */
export function rolesAllowed(action: Action): readonly Role[] {
  return PERMISSIONS[action].roles;
}
