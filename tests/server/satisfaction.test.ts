/*
 * 群众满意度 figures, from one definition (shared/satisfaction.ts), the same on the dashboard (report.satisfaction),
 * in the XLSX sheet and in the 通报. A small known set of answers: five verified public reports, one of them
 * answered twice (the later 回访 by phone counts), every report accepted 2 hours and fixed 26 hours after it came.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { smallCounty, PEOPLE, actor } from './fixtures/smallCounty';
import { callerFor } from './supervision.helpers';
import { fixedClock } from '../../server/clock';
import { acceptReport, recordFollowUpCall } from '../../server/domain/publicReport/intake';
import { answerReport } from '../../server/domain/publicReport/reports';
import { assign, fixAndVerify, pendingReport, REPORT } from '../support/publicReports';
import { TEST_NOW } from '../support/countyServer';
import { answersInPeriod, averageHours, satisfactionOf, type AnswerFact } from '../../shared/satisfaction';
import { normaliseCode } from '../../shared/codes';
import { HOUR } from '../../shared/calendar';
import type { SatisfactionAnswer } from '../../shared/publicReport';

describe('the definition', () => {
  const fact = (issueId: string, answer: SatisfactionAnswer, answeredAt: number): AnswerFact => ({ issueId, unitId: 'u', zoneId: 'z', answer, answeredAt });

  it('counts each issue once, by its latest answer in the period; 满意 and 基本满意 are satisfied', () => {
    const facts = [fact('a', 'satisfied', 10), fact('a', 'dissatisfied', 20), fact('b', 'basically', 15), fact('c', 'dissatisfied', 99)];
    const answers = answersInPeriod(facts, 0, 50);
    expect(satisfactionOf(answers)).toEqual({ answered: 2, satisfied: 0, basically: 1, dissatisfied: 1, rate: 0.5 });
    expect(satisfactionOf([])).toEqual({ answered: 0, satisfied: 0, basically: 0, dissatisfied: 0, rate: null });
    expect(averageHours([HOUR, 2 * HOUR])).toBe(1.5);
    expect(averageHours([])).toBeNull();
  });
});

describe('the same figures on every surface', () => {
  const db = smallCounty();
  const T = TEST_NOW;
  const answers: ['u-a' | 'u-b', SatisfactionAnswer][] = [['u-a', 'satisfied'], ['u-a', 'basically'], ['u-a', 'dissatisfied'], ['u-a', 'satisfied'], ['u-b', 'satisfied']];
  const issueIds = answers.map(([unitId, said], n) => {
    const { reportId, code } = pendingReport(db, T + n, `${REPORT.place}${n}`);
    const zoneId = unitId === 'u-a' ? 'z1' : 'z2';
    const { issueId } = acceptReport(db, actor(PEOPLE.command), { reportId, category: 'sanitation', zoneId, unitId, gridCellId: null, place: REPORT.place, description: REPORT.description, publishPhotos: false }, T + n + 2 * HOUR);
    assign(db, issueId, unitId, T + 3 * HOUR);
    fixAndVerify(db, issueId, unitId, T + n + 26 * HOUR);
    answerReport(db, normaliseCode(code), said, said === 'dissatisfied' ? '还是脏' : '', T + 30 * HOUR);
    return issueId;
  });
  // The fourth is called back later and is not satisfied after all: its latest word counts.
  recordFollowUpCall(db, actor(PEOPLE.command), issueIds[3], 'dissatisfied', '电话回访：又脏了', T + 40 * HOUR);
  const range = { scope: 'county' as const, from: '2026-11-27', to: '2026-11-30' };
  const api = callerFor(db, PEOPLE.command, fixedClock(T + 3 * 24 * HOUR));

  it('report.satisfaction: the county, each zone and each unit', async () => {
    const s = await api.report.satisfaction(range);
    expect(s.total).toEqual({ answered: 5, satisfied: 2, basically: 1, dissatisfied: 2, rate: 0.6, toAcceptanceHours: 2, toFixHours: 26, accepted: 5, fixed: 5 });
    expect(s.byUnit.find((u) => u.unitId === 'u-a')).toMatchObject({ answered: 4, rate: 0.5 });
    expect(s.byUnit.find((u) => u.unitId === 'u-b')).toMatchObject({ answered: 1, rate: 1 });
    expect(s.byZone.map((z) => [z.zoneId, z.rate])).toEqual([['z1', 0.5], ['z2', 1]]);
  });

  it('the XLSX sheet 群众满意度 and the 通报 say the same', async () => {
    const file = await api.export.xlsx(range);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('群众满意度')!;
    const rows = sheet.getSheetValues().slice(2).map((r) => (r as ExcelJS.CellValue[]).slice(1));
    expect(rows[0]).toEqual(['合计', '2026-11-27 至 2026-11-30', 5, 2, 1, 2, 0.6, 2, 26]);
    expect(rows.find((r) => r[1] === '县教育局')).toEqual(['单位', '县教育局', 4, 1, 1, 2, 0.5]);
    const bulletin = await api.export.bulletin({ scope: 'county', end: '2026-11-30', days: 5 });
    expect(bulletin.overall).toMatchObject({ satisfactionRate: 0.6, answered: 5, dissatisfied: 2, publicAccepted: 5, toAcceptanceHours: 2, toFixHours: 26 });
  });
});
