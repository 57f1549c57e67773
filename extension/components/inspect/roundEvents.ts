/*
 * The events of one inspection round, in the order the server checks them: the round first (findings point at
 * it), then each finding reported and assigned to its unit. Pushed as one batch, they land together or not at all.
 */
import { uuidv7 } from 'uuidv7';
import type { Category } from '../../../shared/categories';
import type { ClientEvent } from '../../../shared/schemas/events';

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

export function roundEvents(round: Round, now: number): { inspectionId: string; issueIds: string[]; events: ClientEvent[] } {
  const inspectionId = uuidv7();
  const events: ClientEvent[] = [
    { id: uuidv7(), unitId: round.fileUnder, clientTime: now, kind: 'inspection.recorded', payload: { inspectionId, zoneIds: round.zoneIds, summary: round.summary, startedAt: round.startedAt } },
  ];
  const issueIds: string[] = [];
  for (const f of round.findings) {
    const issueId = uuidv7();
    issueIds.push(issueId);
    const { unitId, ...issue } = f;
    events.push(
      { id: uuidv7(), unitId, clientTime: now, kind: 'issue.reported', payload: { issueId, ...issue, source: 'inspection', inspectionId } },
      { id: uuidv7(), unitId, clientTime: now, kind: 'issue.assigned', payload: { issueId, unitId } },
    );
  }
  return { inspectionId, issueIds, events };
}
