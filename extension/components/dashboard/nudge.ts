/*
 * 催办: a head sends a lagging unit a nudge as a ledger event ('nudge.sent', unitId = the nudged unit) through
 * the outbox like every other write. The server checks the sender's role and scope; the unit's side panel
 * pulls it and keeps it on screen until someone of the unit acknowledges it. Its text names what the unit can
 * still do something about now: today's and this week's items not done, and issues past their deadline.
 */
import type { PanelDb } from '../../lib/db';
import { record } from '../../lib/ledger';
import { requestSync } from '../../lib/messages';
import { ROLE_NAMES, type Role } from '../../../shared/roles';
import { may } from '../../../shared/permissions';

export interface Outstanding {
  /** Today's items whose due time has passed, not done. */
  today: number;
  /** This week's items (daily and weekly) whose due time has passed, not done — today's included. */
  week: number;
  /** Issues the unit owes a fix for, past their deadline. */
  overdueIssues: number;
}

export function hasOutstanding(o: Outstanding): boolean {
  return o.today + o.week + o.overdueIssues > 0;
}

/** `roles`: the sender's; the nudge is signed with the one that lets them nudge (a unit's staff nudges as 片长). */
export function nudgeMessage(sender: { name: string; roles: readonly Role[] }, unitName: string, o: Outstanding): string {
  const title = ROLE_NAMES[sender.roles.find((r) => may(r, 'nudge.send')) ?? sender.roles[0]];
  const parts = [
    o.today ? `今天有${o.today}项未按时完成` : '',
    o.week ? `本周累计${o.week}项未完成` : '',
    o.overdueIssues ? `${o.overdueIssues}个问题已超过整改时限` : '',
  ].filter(Boolean);
  return `${title}${sender.name}催办：${unitName}${parts.join('，')}，请尽快落实。`;
}

export async function sendNudge(db: PanelDb, personId: string, unitId: string, message: string, now: number): Promise<void> {
  await record(db, { personId, unitId }, { kind: 'nudge.sent', payload: { message } }, now);
  void requestSync();
}
