/*
 * CSV that Excel opens with its Chinese intact: UTF-8 with a byte-order mark, CRLF line ends, fields quoted
 * when they hold a comma, quote or line break (quotes doubled). Rates are written as percentages ("87.5%", "—" when
 * there is nothing to rate yet), moments as Shanghai date and minute ("2026-11-27 09:12").
 * A text field that starts like a formula (= + - @) gets a leading apostrophe, so a spreadsheet never runs it.
 */
import type { Cell, Column, Table } from './tables';
import { isoMinuteLabel, percentLabel } from '../../../shared/labels';

export const CSV_MIME = 'text/csv; charset=utf-8';
export const BOM = '\uFEFF';

function field(value: Cell, kind: Column['kind']): string {
  // A rate with nothing to rate reads "—", as on every other surface.
  let s = kind === 'rate' ? percentLabel(value as number | null) : value === null ? '' : kind === 'time' ? isoMinuteLabel(value as number) : String(value);
  if (kind === 'text' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => field(c.header, 'text')).join(',')];
  for (const row of table.rows) lines.push(row.map((v, i) => field(v, table.columns[i].kind)).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}
