/*
 * Issued bulletins (通报) are frozen: the archive reprints each exactly as issued, whatever changes afterwards (a
 * rubric change, an accepted appeal, more ticks); 期数 count up; the ladder and the cumulative figures build on the
 * issues before; the table refuses any change.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../server/db/open';
import { loadOrg } from '../../server/domain/org';
import { pushEvents } from '../../server/domain/ledger';
import { issueBulletin, type IssuedBulletin } from '../../server/domain/assessment/bulletins';
import { archiveList, archivedContent, blackListStreaks } from '../../server/domain/assessment/archive';
import { assessmentOf, chiefNamesOf, scopedScores } from '../../server/domain/assessment/scores';
import { setRubric } from '../../server/domain/assessment/rubric';
import { smallCounty, PEOPLE, actor } from './fixtures/smallCounty';
import { AFTER_WEEK, RUBRIC_2, WEEK, writeAssessedWeek, type AssessedWeek } from '../support/assessedWeek';
import { DAY } from '../../shared/calendar';
import { refusedWith } from '../support/refusals';
import { eventIdAt } from '../../shared/eventId';
import { ledgerCheckpoint, verifyLedger } from '../../server/domain/ledgerChain';
import { checkpointLabel } from '../../shared/labels';

let db: Db;
let week: AssessedWeek;
const command = actor(PEOPLE.command);
beforeEach(() => {
  db = smallCounty();
  week = writeAssessedWeek(db);
});
const issueWeek = (now = AFTER_WEEK) => issueBulletin(db, loadOrg(db), command, now, WEEK.to, 7);
const reprint = (n: number) => JSON.parse(archivedContent(db, n)!) as IssuedBulletin;

describe('issuing a bulletin', () => {
  it('freezes the period’s scores with the ledger checkpoint and the next 期数', () => {
    // Drawn at the ledger as it stood before its own bulletin.issued event.
    const before = ledgerCheckpoint(db.$client);
    const first = issueWeek();
    expect(first.number).toBe(1);
    expect(first.checkpoint).toEqual(before);
    expect(first.assessment.period).toMatchObject({ from: WEEK.from, to: WEEK.to });
    expect(first.assessment.blackList.map((b) => [b.unitName, b.consecutive, b.step])).toEqual([['县市场监管局', 1, 'criticism']]);
    expect(first.assessment.bottomZones.map((z) => [z.zoneName, z.chiefName])).toEqual([['2号农贸市场片区', '陈刚']]);
    const event = db.$client.prepare("select payload from events where kind = 'bulletin.issued'").get() as { payload: string };
    expect(JSON.parse(event.payload)).toMatchObject({ issueNumber: 1, contentHash: archiveList(db)[0].contentHash });

    // The live scores already say where the next issue would put it on the ladder.
    const a = assessmentOf(db, loadOrg(db), { kind: 'week', ...WEEK }, AFTER_WEEK);
    const live = scopedScores(a, { all: true }, blackListStreaks(db), chiefNamesOf(db, a.zones));
    expect(live.ladder).toEqual({ 'u-b': { consecutive: 2, step: 'interview' } });
    expect(live.zones.filter((z) => z.list === 'black').map((z) => [z.zoneName, z.chiefName])).toEqual([['2号农贸市场片区', '陈刚']]);

    const second = issueWeek(AFTER_WEEK + DAY);
    expect(second.number).toBe(2);
    // Black-listed twice in a row: the ladder's second step.
    expect(second.assessment.blackList[0]).toMatchObject({ unitName: '县市场监管局', consecutive: 2, step: 'interview' });
    expect(second.cumulative.problems).toBe(first.named.issueIds.length + second.named.issueIds.length);
    expect(second.cumulative.units).toBe(new Set([...first.named.unitIds, ...second.named.unitIds]).size);
    expect(second.changes).toMatchObject({ previousNumber: 1, newlyBlack: [], offBlack: [] });
  });

  it('stores the ledger checkpoint with its hash, and the one printed on the reprint still verifies after more events', () => {
    const issued = issueWeek();
    const row = db.$client.prepare('select checkpoint_seq as seq, checkpoint_hash as hash from bulletins where issue_number = 1').get();
    const hashAtSeq = db.$client.prepare('select hash from events where seq = ?').pluck().get(issued.checkpoint.seq);
    expect(row).toEqual({ seq: issued.checkpoint.seq, hash: hashAtSeq });
    issueWeek(AFTER_WEEK + DAY);
    // What admin verify --checkpoint is given: the label printed at the foot of the reprinted sheet.
    const [seq, hash] = checkpointLabel(reprint(1).checkpoint).split(':');
    expect(verifyLedger(db.$client, { seq: Number(seq), hash })).toMatchObject({ ok: true });
    expect(verifyLedger(db.$client, { seq: Number(seq), hash: hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) })).toMatchObject({ ok: false, seq: Number(seq) });
  });

  it('a rubric change after issuing leaves the archived bulletin and its scores as issued', () => {
    // A bulletin of today alone, issued in the morning; in the afternoon the command center makes a
    // missed daily item cost 10 from today on. Today's misses then cost more in the live score, not in the archive.
    const morning = AFTER_WEEK + DAY - 2 * 3_600_000;
    const issued = issueBulletin(db, loadOrg(db), command, morning, '2026-11-25', 1);
    const stored = archivedContent(db, issued.number);
    const later = AFTER_WEEK + 2 * DAY;
    const period = { kind: 'week' as const, from: issued.period.from, to: issued.period.to };
    const liveBefore = assessmentOf(db, loadOrg(db), period, later).units.find((u) => u.unitId === 'u-lead')!.score;
    setRubric(db, command, { effectiveFrom: '2026-11-25', rubric: { ...RUBRIC_2, missedDaily: 10 } }, morning + 3_600_000);
    const liveAfter = assessmentOf(db, loadOrg(db), period, later).units.find((u) => u.unitId === 'u-lead')!.score;
    expect(liveAfter).toBeLessThan(liveBefore);
    expect(archivedContent(db, issued.number)).toBe(stored);
    expect(reprint(issued.number).assessment.units).toEqual(issued.assessment.units);
    // Nor can a change reach back before today.
    expect(refusedWith(() => setRubric(db, command, { effectiveFrom: WEEK.from, rubric: RUBRIC_2 }, later)).message).toMatch(/生效日期不能早于今天/);
  });

  it('an accepted appeal changes the live score and not the issued bulletin', () => {
    issueWeek();
    const stored = archivedContent(db, 1)!;
    const issuedScore = reprint(1).assessment.units.find((u) => u.unitId === 'u-a')!.score;
    const appealId = uuidv7();
    const at = AFTER_WEEK + 3_600_000;
    pushEvents(db, actor(PEOPLE.headA), [{ id: eventIdAt(at), unitId: 'u-a', clientTime: at, kind: 'appeal.filed', payload: { appealId, deductionKey: `problem:${week.overdueIssue}`, reason: '施工单位堆放' } }], at);
    pushEvents(db, command, [{ id: eventIdAt(at + 1), unitId: 'u-a', clientTime: at + 1, kind: 'appeal.decided', payload: { appealId, accepted: true, reason: '' } }], at + 1);
    const live = assessmentOf(db, loadOrg(db), { kind: 'week', ...WEEK }, at + 2).units.find((u) => u.unitId === 'u-a')!.score;
    expect(live).toBeGreaterThan(issuedScore);
    expect(archivedContent(db, 1)).toBe(stored);
  });

  it('the archive refuses any change or deletion', () => {
    issueWeek();
    expect(() => db.$client.prepare("update bulletins set content = '{}'").run()).toThrow(/已签发的通报不能修改/);
    expect(() => db.$client.prepare('delete from bulletins').run()).toThrow(/已签发的通报不能删除/);
  });
});
