/*
 * Escalation alerts: the overdue issues that have climbed far enough to be the caller's business. Unit staff and
 * heads hear about their own unit's at once; a lead unit's head (dept_head) about its zones' from 牵头单位 up; a
 * zone chief from 片长 up (a unit's staff who is also 片长: both); the command center at 指挥部. Inspectors follow the 回头看 list instead.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { issues } from '../../db/schema';
import type { Org } from '../org';
import { deadlineRulesOf } from '../settings';
import { issuesInScope, viewOf, type IssueView } from './issueView';
import { OPEN_STATES } from '../../../shared/issueFlow';
import { ESCALATION_LEVEL_NAMES, escalationOf, type EscalationLevel } from '../../../shared/supervision';
import { isOverdue, overdueDays } from '../../../shared/metrics';
import type { Person } from '../../../shared/schemas/org';
import { rolesOf, type Role } from '../../../shared/roles';
import type { Scope } from '../../../shared/scope';
import type { IssueRow } from '../../../shared/projection';

export interface Alert extends IssueView {
  level: EscalationLevel;
  levelIndex: number;
  levelName: string;
  overdueDays: number;
  /** When the issue reached this level. */
  since: number;
}

const NEVER = Number.POSITIVE_INFINITY;

/**
 * The lowest escalation level (0 责任单位 … 3 指挥部) at which someone holding `role` is told about `issue`; a person
 * holding two roles (a unit's staff who is also a zone's 片长) is told at the lower of the two.
 */
function thresholdFor(role: Role, person: Person, org: Org, issue: IssueRow): number {
  switch (role) {
    case 'staff':
    case 'unit_head':
      return issue.unitId === person.unitId ? 0 : NEVER;
    case 'dept_head':
      if (issue.unitId === person.unitId) return 0;
      return person.unitId !== null && zoneOf(org, issue)?.leadUnitId === person.unitId ? 1 : NEVER;
    case 'zone_chief':
      return zoneOf(org, issue)?.chiefPersonId === person.id ? 2 : NEVER;
    case 'command':
      return 3;
    case 'inspector':
      return NEVER;
  }
}

const zoneOf = (org: Org, issue: IssueRow) => org.zones.find((z) => z.id === issue.zoneId);

export function alertsFor(db: Db, org: Org, person: Person, scope: Scope, now: number, escalateEveryDays: number): Alert[] {
  const rules = deadlineRulesOf(db);
  const roles = rolesOf(person, org.zones);
  // The open ones come from the index on state; which of them are overdue is the one rule in shared/metrics.ts.
  const overdue = issuesInScope(db, scope, inArray(issues.state, OPEN_STATES)).filter((issue) => isOverdue(issue, now));
  return overdue
    .flatMap((issue) => {
      const counter = rules.counterFor(issue.category);
      const e = escalationOf(issue, now, escalateEveryDays, counter);
      if (!e || e.index < Math.min(...roles.map((role) => thresholdFor(role, person, org, issue)))) return [];
      return [{ ...viewOf(issue, org), level: e.level, levelIndex: e.index, levelName: ESCALATION_LEVEL_NAMES[e.level], overdueDays: overdueDays(issue.deadlineAt, now, counter), since: e.since }];
    })
    .sort((a, b) => b.levelIndex - a.levelIndex || a.deadlineAt - b.deadlineAt);
}
