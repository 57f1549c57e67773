/*
 * Reading a roster or duty-list file into plain rows for roster.ts: CSV (UTF-8, with or without a BOM, as Excel
 * saves it) or XLSX (sheets 人员 and 责任清单). Headers are matched after dropping spaces and anything in
 * brackets, so "频次（每天/每周）" reads as 频次. Each row keeps the line number a person sees in Excel.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

export interface SheetRow {
  /** 1-based line in the file or sheet; the header is line 1. */
  line: number;
  cells: Record<string, string>;
}

export type SheetKind = 'people' | 'duties';
export const SHEET_NAMES: Record<SheetKind, string> = { people: '人员', duties: '责任清单' };

export interface RosterTables {
  people?: SheetRow[];
  duties?: SheetRow[];
  /** Where the rows came from, to name in messages ("人员表" or the file name). */
  sources: Partial<Record<SheetKind, string>>;
}

export class RosterFileError extends Error {}

export function normaliseHeader(h: string): string {
  return h.replace(/[(（][^)）]*[)）]/g, '').replace(/\s+/g, '').trim();
}

/** Which kind of sheet a header row is: a duty list names 事项 and 频次; a roster names 姓名 or 单位. */
export function kindOfHeaders(headers: readonly string[]): SheetKind | null {
  const set = new Set(headers.map(normaliseHeader));
  if (set.has('事项') && set.has('频次')) return 'duties';
  if (set.has('姓名') || (set.has('单位') && set.has('片区编号'))) return 'people';
  return null;
}

function toRows(matrix: Array<{ line: number; values: string[] }>): SheetRow[] {
  const [head, ...body] = matrix;
  if (!head) return [];
  const headers = head.values.map(normaliseHeader);
  return body
    .filter((r) => r.values.some((v) => v.trim() !== ''))
    .map((r) => ({ line: r.line, cells: Object.fromEntries(headers.map((h, i) => [h, (r.values[i] ?? '').trim()]).filter(([h]) => h)) }));
}

export function readCsv(text: string | Buffer, fileName: string): RosterTables {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    throw new RosterFileError(`无法读取 CSV 文件“${fileName}”：${(e as Error).message}`);
  }
  const matrix = records.map((r) => ({ line: r.info.lines, values: r.record.map(String) }));
  const kind = matrix.length ? kindOfHeaders(matrix[0].values) : null;
  if (!kind) {
    throw new RosterFileError(`无法识别“${fileName}”的表头：人员表需有“姓名”“角色”等列，责任清单需有“事项”“频次”等列（见 docs/import.md）`);
  }
  return { [kind]: toRows(matrix), sources: { [kind]: `“${fileName}”` } };
}

/** A cell as the text a person sees: numbers plainly, times as 09:30, rich text joined, formulas by result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    // Excel stores a bare time as a date in 1899/1900; exceljs reads cells as UTC.
    if (value.getUTCFullYear() < 1901) return `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function readXlsx(bytes: Buffer | ArrayBuffer, fileName: string): Promise<RosterTables> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as ArrayBuffer);
  } catch (e) {
    throw new RosterFileError(`无法读取 Excel 文件“${fileName}”：${(e as Error).message}`);
  }
  const tables: RosterTables = { sources: {} };
  for (const sheet of book.worksheets) {
    const matrix: Array<{ line: number; values: string[] }> = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        values[col - 1] = cellText(cell.value);
      });
      matrix.push({ line: row.number, values: Array.from(values, (v) => v ?? '') });
    });
    const byName = (Object.keys(SHEET_NAMES) as SheetKind[]).find((k) => SHEET_NAMES[k] === sheet.name.trim());
    const kind = byName ?? (matrix.length ? kindOfHeaders(matrix[0].values) : null);
    if (!kind || tables[kind]) continue;
    tables[kind] = toRows(matrix);
    tables.sources[kind] = `${SHEET_NAMES[kind]}表`;
  }
  if (!tables.people && !tables.duties) {
    throw new RosterFileError(`“${fileName}”中没有名为“人员”或“责任清单”的工作表（见 docs/import.md）`);
  }
  return tables;
}

/** Reads a .csv or .xlsx file's bytes by its extension. */
export async function readRosterFile(bytes: Buffer, fileName: string): Promise<RosterTables> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return readCsv(bytes, fileName);
  if (lower.endsWith('.xlsx')) return readXlsx(bytes, fileName);
  throw new RosterFileError(`不支持的文件类型“${fileName}”：请使用 .csv 或 .xlsx`);
}
