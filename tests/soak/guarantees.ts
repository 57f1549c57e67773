/*
 * The guarantees a soak run is checked against, once it has settled (every outbox empty, every device pulled to
 * the end), read from the server's file with a fresh connection:
 *   1. no acknowledged event is lost: every id any device was told was stored is in the ledger;
 *   2. none is stored twice, and nothing appears that no device made: the ledger is exactly what the devices
 *      made, less what the server refused;
 *   3. every device converges to the server's projection: its duty ticks and issue states equal the server's
 *      for its scope, and the server's own projection equals a rebuild from its ledger;
 *   4. a device always sees its own writes, and 5. pull cursors never go back: watched by each device as it
 *      works (SimulatedDevice.violations);
 *   6. issue states only move along the state machine: the ledger, replayed in seq order, makes no move the
 *      shared MOVES table does not allow (each device also checks every move it pulls).
 */
import { openDb } from '../../server/db/open';
import { dutyChecks, events, issues } from '../../server/db/schema';
import { rebuildProjections } from '../../server/domain/ledger';
import { MOVES, nextState, type IssueMove, type IssueState } from '../../shared/issueFlow';
import type { DutyCheckRow } from '../../shared/projection';
import { rowKey, type SimulatedDevice } from '../support/simulatedDevice';

export interface Holder {
  device: SimulatedDevice;
  /** The units it may see, or all. */
  scope: string[] | 'all';
}

const sortRows = (rows: DutyCheckRow[]) => [...rows].sort((a, b) => rowKey(a).localeCompare(rowKey(b)));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function checkGuarantees(file: string, holders: Holder[]): { stored: number; violations: string[] } {
  const out: string[] = [];
  const devices = holders.map((h) => h.device);
  const db = openDb(file);
  try {
    const integrity = db.$client.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') out.push(`integrity_check: ${String(integrity)}`);
    const ledger = db.select({ id: events.id, kind: events.kind, payload: events.payload }).from(events).orderBy(events.seq).all();
    const stored = new Set(ledger.map((e) => e.id));

    // 1 and 2.
    const acked = devices.flatMap((d) => [...d.store.acked]);
    const lost = acked.filter((id) => !stored.has(id));
    if (lost.length) out.push(`${lost.length} acknowledged events lost`);
    if (stored.size !== ledger.length) out.push(`${ledger.length - stored.size} events stored twice`);
    const refused = new Set(devices.flatMap((d) => d.store.rejected.map((r) => r.event.id)));
    const expected = new Set(devices.flatMap((d) => d.made.map((e) => e.id)).filter((id) => !refused.has(id)));
    const phantom = [...stored].filter((id) => !expected.has(id));
    const missing = [...expected].filter((id) => !stored.has(id));
    if (phantom.length) out.push(`${phantom.length} stored events no device made (or made and was refused)`);
    if (missing.length) out.push(`${missing.length} events made and not refused are not stored`);

    // 4, 5 and what each device saw of 6; leftovers and refusals other than overtaken issue moves.
    for (const d of devices) {
      out.push(...d.store.violations);
      if (d.outbox.length) out.push(`${d.name}: ${d.outbox.length} events still in its outbox`);
      for (const r of d.refusals) out.push(`${d.name}: refused ${r}`);
    }

    // 6, on the ledger itself.
    const states = new Map<string, IssueState>();
    for (const e of ledger) {
      const p = e.payload as { issueId?: string; passed?: boolean };
      if (e.kind === 'issue.reported') states.set(p.issueId!, 'reported');
      else if (e.kind in MOVES) {
        const from = states.get(p.issueId!);
        if (!from || !MOVES[e.kind as IssueMove].from.includes(from)) out.push(`ledger: ${e.kind} on ${p.issueId} from ${from ?? 'nothing'}`);
        states.set(p.issueId!, nextState(e.kind as IssueMove, p.passed ?? true));
      }
    }

    // 3.
    const serverRows = sortRows(db.select().from(dutyChecks).all());
    const serverIssues = db.select({ id: issues.id, unitId: issues.unitId, state: issues.state }).from(issues).all();
    for (const { device, scope } of holders) {
      const inScope = (unitId: string) => scope === 'all' || scope.includes(unitId);
      if (!same(sortRows([...device.projection.values()]), serverRows.filter((r) => inScope(r.unitId)))) out.push(`${device.name}: duty ticks differ from the server's`);
      const theirs = Object.fromEntries(serverIssues.filter((i) => inScope(i.unitId)).map((i) => [i.id, i.state]));
      if (!same(Object.fromEntries([...device.store.issueStates].sort()), Object.fromEntries(Object.entries(theirs).sort()))) out.push(`${device.name}: issue states differ from the server's`);
    }
    const liveIssues = db.select().from(issues).all();
    rebuildProjections(db);
    if (!same(sortRows(db.select().from(dutyChecks).all()), serverRows)) out.push('server: duty_checks differ from a rebuild from the ledger');
    if (!same(db.select().from(issues).all(), liveIssues)) out.push('server: issues differ from a rebuild from the ledger');
    return { stored: stored.size, violations: out };
  } finally {
    db.$client.close();
  }
}
