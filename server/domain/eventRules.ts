/*
 * Whether a person may write an event, and whether it makes sense. Each rule answers with a reason in Chinese
 * (and the tRPC code it maps to) or null. A batch with any refused event is refused whole.
 */
import type { Actor } from './auth';
import type { Org } from './org';
import type { ClientEvent } from '../../shared/schemas/events';
import { checkRefusal, dutyAppliesTo } from '../../shared/schedule';
import { moveRefusal } from '../../shared/issueFlow';
import { scopeHasUnit, type Scope } from '../../shared/scope';
import type { IssueRow } from '../../shared/projection';
import type { Role } from '../../shared/roles';

export type IssueLookup = (issueId: string) => IssueRow | undefined;

export interface RuleContext {
  actor: Actor;
  scope: Scope;
  org: Org;
  lookup: IssueLookup;
  /** The event's effective time. */
  at: number;
}

export interface Refusal {
  code: 'FORBIDDEN' | 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT';
  message: string;
}

const UNIT_ROLES: readonly Role[] = ['staff', 'unit_head'];
const forbidden = (message: string): Refusal => ({ code: 'FORBIDDEN', message });
const bad = (message: string): Refusal => ({ code: 'BAD_REQUEST', message });

function ownUnit(actor: Actor, unitId: string): boolean {
  return UNIT_ROLES.includes(actor.person.role) && actor.person.unitId === unitId;
}

export function refusalOf(event: ClientEvent, ctx: RuleContext): Refusal | null {
  const { actor, org, scope } = ctx;
  const unit = org.unitById.get(event.unitId);
  if (!unit) return { code: 'NOT_FOUND', message: `单位“${event.unitId}”不存在` };
  if (!scopeHasUnit(scope, unit.id)) return forbidden(`您无权为“${unit.name}”提交记录`);

  switch (event.kind) {
    case 'duty.checked':
    case 'duty.unchecked': {
      if (!ownUnit(actor, unit.id)) return forbidden(`只有“${unit.name}”的工作人员可以打勾`);
      const duty = org.dutyById.get(event.payload.dutyId);
      if (!duty || !dutyAppliesTo(duty, unit.id)) return { code: 'NOT_FOUND', message: '该事项不在本单位的责任清单中' };
      const why = checkRefusal(duty, event.payload.periodKey, ctx.at);
      return why ? bad(why) : null;
    }
    case 'issue.reported': {
      const p = event.payload;
      if (p.zoneId !== unit.zoneId) return bad(`“${unit.name}”不在所选片区`);
      if (p.gridCellId && !org.gridCells.some((c) => c.id === p.gridCellId && c.unitId === unit.id)) {
        return bad('所选网格不属于该单位');
      }
      if (ctx.lookup(p.issueId)) return { code: 'CONFLICT', message: '问题编号重复' };
      if (p.source === 'self_check') return ownUnit(actor, unit.id) ? null : forbidden('自查问题只能由本单位上报');
      if (p.source === 'complaint') return actor.person.role === 'command' ? null : forbidden('投诉问题只能由指挥部登记');
      return ['inspector', 'command', 'zone_chief', 'dept_head'].includes(actor.person.role)
        ? null
        : forbidden('只有督查人员可以登记督查发现的问题');
    }
    case 'issue.assigned':
    case 'issue.rectified':
    case 'issue.verified':
    case 'issue.rejected': {
      const issue = ctx.lookup(event.payload.issueId);
      if (!issue) return { code: 'NOT_FOUND', message: '问题不存在或尚未同步' };
      if (issue.unitId !== unit.id) return bad('记录的单位与问题的责任单位不一致');
      const why = moveRefusal(event.kind, issue.state, actor.person.role);
      if (why) return why.reason === 'state' ? { code: 'CONFLICT', message: why.message } : forbidden(why.message);
      if (UNIT_ROLES.includes(actor.person.role) && !ownUnit(actor, unit.id)) return forbidden('只能处理本单位的问题');
      if (event.kind === 'issue.assigned') {
        const target = org.unitById.get(event.payload.unitId);
        if (!target) return { code: 'NOT_FOUND', message: '交办的单位不存在' };
        if (!scopeHasUnit(scope, target.id)) return forbidden(`您无权交办给“${target.name}”`);
        if (target.id !== unit.id) return bad('交办单位须为问题所在的责任单位');
      }
      return null;
    }
    case 'nudge.sent':
      return ['unit_head', 'dept_head', 'zone_chief', 'command'].includes(actor.person.role)
        ? null
        : forbidden('只有负责人或指挥部可以催办');
  }
}
