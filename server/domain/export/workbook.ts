/*
 * The XLSX export (exceljs): sheets 汇总, 按片区, 按单位, 每日明细, 问题清单; Chinese headers in a bold, frozen
 * first row; column widths set; rates stored as numbers with a percentage format, so Excel can sum and sort them.
 */
import ExcelJS from 'exceljs';
import type { Column, Table } from './tables';
import { percentLabel } from '../../../shared/labels';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PERCENT_FORMAT = '0.0%';

function addSheet(book: ExcelJS.Workbook, name: string, table: Table): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => ({ key: `c${i}`, header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: 'middle', horizontal: 'center' };
  table.rows.forEach((cells, r) => {
    const row = sheet.addRow(cells);
    cells.forEach((_, c) => {
      const kind: Column['kind'] = table.rowKinds && c === cells.length - 1 ? table.rowKinds[r] : table.columns[c].kind;
      if (kind !== 'rate') return;
      // Nothing to rate yet reads "—", as on every other surface (percentLabel), not an empty cell or 0%.
      if (cells[c] === null) row.getCell(c + 1).value = percentLabel(null);
      else row.getCell(c + 1).numFmt = PERCENT_FORMAT;
    });
  });
  if (table.rows.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
}

export async function workbookBytes(sheets: [string, Table][], creator = '片区通'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = creator;
  for (const [name, table] of sheets) addSheet(book, name, table);
  return Buffer.from(await book.xlsx.writeBuffer());
}
