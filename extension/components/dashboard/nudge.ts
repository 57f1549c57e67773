/*
 * 催办: a head sends a lagging unit a nudge as a ledger event ('nudge.sent', unitId = the nudged unit) through
 * the outbox like every other write. The server checks the sender's role and scope; the unit's side panel
 * pulls it and shows it.
 */
import type { PanelDb } from '../../lib/db';
import { record } from '../../lib/ledger';
import { requestSync } from '../../lib/messages';
import { ROLE_NAMES, type Role } from '../../../shared/roles';

/** Roles the server lets send a nudge (server/domain/eventRules.ts). */
export const NUDGE_ROLES: readonly Role[] = ['unit_head', 'dept_head', 'zone_chief', 'command'];

export function nudgeMessage(sender: { name: string; role: Role }, unit: { unitName: string; missed: number; overdue: number }): string {
  const lag = [unit.missed ? `未完成${unit.missed}项` : '', unit.overdue ? `已超时${unit.overdue}项` : ''].filter(Boolean).join('、');
  return `${ROLE_NAMES[sender.role]}${sender.name}催办：${unit.unitName}责任清单${lag || '有事项未完成'}，请尽快落实。`;
}

export async function sendNudge(db: PanelDb, personId: string, unitId: string, message: string, now: number): Promise<void> {
  await record(db, { personId, unitId }, { kind: 'nudge.sent', payload: { message } }, now);
  void requestSync();
}
