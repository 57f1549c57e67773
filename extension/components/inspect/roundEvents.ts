/*
 * The events of one inspection round, in the order the server checks them: the round first (findings point at
 * it), then each finding reported and assigned to its unit. Recorded together through the outbox
 * (lib/ledger.ts recordAll), so a round written with no network is kept and sent later.
 */
import { uuidv7 } from 'uuidv7';
import type { Category } from '../../../shared/categories';
import type { Entry } from '../../lib/ledger';

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
  findings: Finding[];
}

export function roundEntries(round: Round): { inspectionId: string; issueIds: string[]; entries: Entry[] } {
  const inspectionId = uuidv7();
  const entries: Entry[] = [
    { unitId: round.fileUnder, body: { kind: 'inspection.recorded', payload: { inspectionId, zoneIds: round.zoneIds, summary: round.summary, startedAt: round.startedAt } } },
  ];
  const issueIds: string[] = [];
  for (const f of round.findings) {
    const issueId = uuidv7();
    issueIds.push(issueId);
    const { unitId, ...issue } = f;
    entries.push(
      { unitId, body: { kind: 'issue.reported', payload: { issueId, ...issue, source: 'inspection', inspectionId } } },
      { unitId, body: { kind: 'issue.assigned', payload: { issueId, unitId } } },
    );
  }
  return { inspectionId, issueIds, entries };
}
