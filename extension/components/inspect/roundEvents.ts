/*
 * The events of one inspection round, in the order the server checks them: the round first (findings point at
 * it), then each finding reported against its unit. Recorded together through the outbox (lib/ledger.ts
 * recordAll), so a round written with no network is kept and sent later. Findings wait in the 待交办 queue for
 * the command center or the zone's lead-unit head to 交办 them (the inspector sends the problem to the lead unit).
 */
import { uuidv7 } from 'uuidv7';
import type { Category } from '../../../shared/categories';
import type { Entry } from '../../lib/ledger';
import type { RoundKind } from '../../../shared/roundKinds';

export interface Finding {
  unitId: string;
  zoneId: string;
  gridCellId: string | null;
  category: Category;
  place: string;
  description: string;
  photoIds: string[];
}

export interface Round {
  /** The unit the round is filed under: shared/supervision.ts inspectionUnitOf(first zone). */
  fileUnder: string;
  zoneIds: string[];
  summary: string;
  startedAt: number;
  /** '' when the county has no teams set up yet. */
  teamId: string;
  kind: RoundKind;
  /** The random draw's seed (随机式 only). */
  drawSeed: number | null;
  findings: Finding[];
}

export function roundEntries(round: Round): { inspectionId: string; issueIds: string[]; entries: Entry[] } {
  const inspectionId = uuidv7();
  const entries: Entry[] = [
    { unitId: round.fileUnder, body: {
      kind: 'inspection.recorded',
      payload: {
        inspectionId, zoneIds: round.zoneIds, summary: round.summary, startedAt: round.startedAt, kind: round.kind,
        ...(round.teamId ? { teamId: round.teamId } : {}),
        ...(round.drawSeed === null ? {} : { drawSeed: round.drawSeed }),
      },
    } },
  ];
  const issueIds: string[] = [];
  for (const f of round.findings) {
    const issueId = uuidv7();
    issueIds.push(issueId);
    const { unitId, ...issue } = f;
    entries.push({ unitId, body: { kind: 'issue.reported', payload: { issueId, ...issue, source: 'inspection', inspectionId } } });
  }
  return { inspectionId, issueIds, entries };
}
