/*
 * The 考核得分 export: the XLSX sheet and the CSV carry each unit's score and rank and every deduction as a row,
 * the same figures the dashboard shows (assessmentOf), read back from the files themselves.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { loadOrg } from '../../server/domain/org';
import { WHOLE_COUNTY } from '../../shared/scope';
import { exportData, scoresCsvFile, xlsxFile } from '../../server/domain/export/build';
import { scoreTable } from '../../server/domain/assessment/sheet';
import { assessmentOf } from '../../server/domain/assessment/scores';
import { smallCounty } from './fixtures/smallCounty';
import { AFTER_WEEK, WEEK, writeAssessedWeek } from '../support/assessedWeek';

describe('the 考核得分 export', () => {
  it('lists every unit’s score and rank, then each deduction as a row, in the XLSX sheet and the CSV alike', async () => {
    const db = smallCounty();
    writeAssessedWeek(db);
    const org = loadOrg(db);
    const a = assessmentOf(db, org, { kind: 'week', ...WEEK }, AFTER_WEEK);
    const table = scoreTable(db, org, org.units, WEEK.from, WEEK.to, AFTER_WEEK);

    const book = new ExcelJS.Workbook();
    const file = await xlsxFile(exportData(db, org, WHOLE_COUNTY, 'county', WEEK.from, WEEK.to, AFTER_WEEK), org, AFTER_WEEK, table);
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('考核得分')!;
    const rows = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(rows).toHaveLength(a.units.length + a.deductions.length + a.credits.length);

    for (const u of a.units) {
      const mine = rows.filter((r) => r[1] === u.unitName);
      const scoreRow = mine.find((r) => r[3] === '得分')!;
      expect(scoreRow[0]).toBe(u.rank);
      expect(scoreRow[6]).toBe(u.score);
      const deductionRows = mine.filter((r) => r[3] !== '得分' && r[3] !== '加分');
      expect(deductionRows).toHaveLength(a.deductions.filter((d) => d.unitId === u.unitId).length);
      const counted = deductionRows.filter((r) => r[8] !== '申诉已采纳，不计').reduce((sum, r) => sum + (r[6] as number), 0);
      // Before the cap: what the rows add up to is what the unit lost, unless the period's cap stopped it.
      expect(Math.min(-counted, a.rubric.periods.week.deductionCap!)).toBeCloseTo(u.deducted, 6);
    }
    expect(rows.some((r) => r[3] === '每日保洁漏项' && /未完成/.test(String(r[5])))).toBe(true);
    expect(rows.some((r) => r[3] === '回头看返工' && typeof r[7] === 'number')).toBe(true);

    const csv = Buffer.from(scoresCsvFile(table, WEEK.from, WEEK.to).base64, 'base64');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvRows: string[][] = parse(csv, { bom: true });
    expect(csvRows[0]).toEqual(['名次', '单位', '片区', '项目', '日期', '说明', '分值', '台账记录号', '申诉']);
    // The same table cell by cell: numbers as the sheet holds them, empty cells empty.
    expect(csvRows.slice(1)).toEqual(rows.map((r) => Array.from({ length: 9 }, (_, i) => (r[i] === undefined || r[i] === null ? '' : String(r[i])))));
  });
});
