/*
 * The XLSX export (exceljs): sheets 汇总, 按片区, 按单位, 每日明细, 问题清单; Chinese headers in a bold, frozen
 * first row; column widths set; rates stored as numbers with a percentage format, and dates and moments as real
 * Excel dates with a Chinese format, so Excel can sum, sort and filter them.
 */
import ExcelJS from 'exceljs';
import type { Cell, Column, Table } from './tables';
import { percentLabel } from '../../../shared/labels';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PERCENT_FORMAT = '0.0%';
export const DATE_FORMAT = 'yyyy"年"m"月"d"日"';
export const TIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm';

const SHANGHAI_OFFSET = 8 * 60 * 60_000;

/** An Excel date has no time zone: it holds the wall-clock time, so a moment is written as Shanghai's. */
function excelValue(value: Cell, kind: Column['kind']): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  if (kind === 'date') return new Date(`${value as string}T00:00:00Z`);
  if (kind === 'time') return new Date((value as number) + SHANGHAI_OFFSET);
  return value;
}

const FORMATS: Partial<Record<Column['kind'], string>> = { rate: PERCENT_FORMAT, date: DATE_FORMAT, time: TIME_FORMAT };

/** How wide a text is in Excel's units: a Chinese character takes about two. */
function textWidth(value: Cell): number {
  const s = value === null ? '' : String(value);
  return [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
}

/** Wide enough for the header and the longest text in the column (up to 60), never narrower than its set width. */
function columnWidth(table: Table, i: number): number {
  const c = table.columns[i];
  if (c.kind !== 'text') return c.width;
  const widest = Math.max(textWidth(c.header), ...table.rows.map((r) => textWidth(r[i])));
  return Math.min(60, Math.max(c.width, widest + 2));
}

function addSheet(book: ExcelJS.Workbook, name: string, table: Table): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => ({ key: `c${i}`, header: c.header, width: columnWidth(table, i) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: 'middle', horizontal: 'center' };
  table.rows.forEach((cells, r) => {
    const kinds = cells.map((_, c): Column['kind'] => (table.rowKinds && c === cells.length - 1 ? table.rowKinds[r] : table.columns[c].kind));
    const row = sheet.addRow(cells.map((v, c) => excelValue(v, kinds[c])));
    kinds.forEach((kind, c) => {
      // Nothing to rate yet reads "—", as on every other surface (percentLabel), not an empty cell or 0%.
      if (kind === 'rate' && cells[c] === null) row.getCell(c + 1).value = percentLabel(null);
      const format = FORMATS[kind];
      if (format && cells[c] !== null) row.getCell(c + 1).numFmt = format;
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
