/*
 * Reading a roster or duty-list file into plain rows for roster.ts, as counties keep them: CSV in UTF-8 (with
 * or without the BOM Excel writes) or GB18030/GBK (what older Excel and WPS save as "CSV"), and XLSX (sheets
 * 人员 and 责任清单, or any sheet whose header says what it is). A title row above the header (often merged
 * across the table), blank rows and a 序号 column are normal and skipped. Each row keeps the line number a
 * person sees in Excel; columns are resolved by rosterColumns.ts, and what is not imported is listed.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { fieldsOf, kindOfColumns, resolveHeaders, type ColumnRole, type Field } from './rosterColumns';

export interface SheetRow {
  /** 1-based line in the file or sheet, as Excel numbers it. */
  line: number;
  cells: Partial<Record<Field, string>>;
}

export type SheetKind = 'people' | 'duties';
export const SHEET_NAMES: Record<SheetKind, string> = { people: '人员', duties: '责任清单' };

/** A column of the file that is not imported, and why. */
export interface LeftOutColumn {
  source: string;
  header: string;
  /** listed: a column such as 序号 that never carries data; mapped: the person chose 忽略; unknown: stops the import. */
  why: 'listed' | 'mapped' | 'unknown';
}

export interface RosterTables {
  people?: SheetRow[];
  duties?: SheetRow[];
  /** Where the rows came from, to name in messages ("人员表" or the file name). */
  sources: Partial<Record<SheetKind, string>>;
  /** county: one row per grid cell with 片长/牵头单位 columns; template: the 姓名 + 角色 layout. */
  layout?: 'county' | 'template';
  leftOut: LeftOutColumn[];
  /** The text encoding a CSV was read in (shown in the preview, so a mis-read file is noticed). */
  encoding?: 'UTF-8' | 'GB18030';
}

export class RosterFileError extends Error {}

/** A person's choice of field for a column header ("负责人" → "网格责任人", "区域" → "忽略"). */
export type ColumnMap = Readonly<Record<string, string>>;

type Matrix = Array<{ line: number; values: string[] }>;
/** The header is at most this far down: a title and a date line or two above it are usual. */
const HEADER_SEARCH_ROWS = 10;

function isBlank(values: readonly string[]): boolean {
  return values.every((v) => v.trim() === '');
}

/** The first row that reads as a header, its resolved columns and its kind; null when none does. */
function findHeader(matrix: Matrix, map: ColumnMap) {
  for (const [index, row] of matrix.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const roles = resolveHeaders(row.values, map);
    const kind = kindOfColumns(roles);
    if (kind) return { index, roles, kind };
  }
  return null;
}

function toTable(matrix: Matrix, map: ColumnMap, source: string) {
  const header = findHeader(matrix, map);
  if (!header) return null;
  const { index, roles, kind } = header;
  const headers = matrix[index].values;
  const leftOut: LeftOutColumn[] = [];
  roles.forEach((role: ColumnRole, i) => {
    const text = (headers[i] ?? '').trim();
    const usedBelow = matrix.slice(index + 1).some((r) => (r.values[i] ?? '').trim() !== '');
    if ('unknown' in role) leftOut.push({ source, header: text, why: 'unknown' });
    else if ('ignored' in role && (text || usedBelow)) leftOut.push({ source, header: text || `第${i + 1}列（无表头）`, why: role.ignored });
  });
  const rows: SheetRow[] = matrix
    .slice(index + 1)
    .filter((r) => !isBlank(r.values))
    .map((r) => {
      const cells: SheetRow['cells'] = {};
      roles.forEach((role, i) => {
        if ('field' in role && !cells[role.field]) cells[role.field] = (r.values[i] ?? '').trim();
      });
      return { line: r.line, cells };
    });
  const layout = kind === 'people' ? (roles.some((r) => 'field' in r && r.field === '角色') ? 'template' : 'county') : undefined;
  return { kind, rows, leftOut, layout } as const;
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM included); otherwise GB18030, a superset of GBK and GB2312. */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'UTF-8' | 'GB18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    // Node's own decoder (full ICU) reads GB18030, so no extra library is needed for older Excel's CSV.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

const UNRECOGNISED = '人员表需有“片区编号”“责任单位”“网格责任人”等列（或“姓名”“角色”），责任清单需有“事项”“频次”等列（见 docs/import.md）';

export function readCsv(input: string | Buffer, fileName: string, map: ColumnMap = {}): RosterTables {
  const { text, encoding } = typeof input === 'string' ? { text: input, encoding: 'UTF-8' as const } : decodeCsv(input);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    throw new RosterFileError(`无法读取 CSV 文件“${fileName}”：${(e as Error).message}`);
  }
  const source = `“${fileName}”`;
  const table = toTable(records.map((r) => ({ line: r.info.lines, values: r.record.map(String) })), map, source);
  if (!table) throw new RosterFileError(`无法识别“${fileName}”的表头：${UNRECOGNISED}`);
  return { [table.kind]: table.rows, sources: { [table.kind]: source }, layout: table.layout, leftOut: table.leftOut, encoding };
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
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function readXlsx(bytes: Buffer | ArrayBuffer, fileName: string, map: ColumnMap = {}): Promise<RosterTables> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as ArrayBuffer);
  } catch (e) {
    throw new RosterFileError(`无法读取 Excel 文件“${fileName}”：${(e as Error).message}`);
  }
  const tables: RosterTables = { sources: {}, leftOut: [] };
  for (const sheet of book.worksheets) {
    const matrix: Matrix = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        // A merged title repeats its text in every cell it covers; only the first (master) cell holds it.
        values[col - 1] = cell.isMerged && cell.master !== cell ? '' : cellText(cell.value);
      });
      matrix.push({ line: row.number, values: Array.from(values, (v) => v ?? '') });
    });
    const named = (Object.keys(SHEET_NAMES) as SheetKind[]).find((k) => SHEET_NAMES[k] === sheet.name.trim());
    const source = named ? `${SHEET_NAMES[named]}表` : `工作表“${sheet.name}”`;
    const table = toTable(matrix, map, source);
    if (!table || tables[table.kind]) continue;
    tables[table.kind] = table.rows;
    tables.sources[table.kind] = source;
    tables.leftOut.push(...table.leftOut);
    if (table.layout) tables.layout = table.layout;
  }
  if (!tables.people && !tables.duties) {
    throw new RosterFileError(`“${fileName}”中没有可识别的人员表或责任清单：${UNRECOGNISED}`);
  }
  return tables;
}

/** Reads a .csv or .xlsx file's bytes by its extension. */
export async function readRosterFile(bytes: Buffer, fileName: string, map: ColumnMap = {}): Promise<RosterTables> {
  const fields = new Set([...fieldsOf('people'), ...fieldsOf('duties')]);
  for (const [header, field] of Object.entries(map)) {
    if (!fields.has(field)) throw new RosterFileError(`列“${header}”不能对应“${field}”：可选的字段为 ${[...fields].join('、')}`);
  }
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return readCsv(bytes, fileName, map);
  if (lower.endsWith('.xlsx')) return readXlsx(bytes, fileName, map);
  throw new RosterFileError(`不支持的文件类型“${fileName}”：请使用 .csv 或 .xlsx`);
}
