/*
 * The roster importer (admin CLI `import`) against broken files: CSV and XLSX bytes flipped, cut short or padded
 * with garbage, and good files with one hostile cell. Every outcome is a Chinese message (a RosterFileError, or
 * a list of bad rows) or a clean import; never another exception; and a refused file leaves the database
 * exactly as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { importRoster } from '../../server/domain/roster';
import { instantAt } from '../../shared/calendar';

const IMPORTED_AT = instantAt('2026-11-27', '07:00');
import { readRosterFile, RosterFileError } from '../../server/domain/rosterFile';
import { smallCounty } from './fixtures/smallCounty';
import { fingerprint } from '../support/dbFingerprint';
import { hostileString } from '../support/hostile';

const HAN = /[\u4e00-\u9fff]/;
const ROSTER = readFileSync('tests/fixtures/roster.csv');
const DUTIES = readFileSync('tests/fixtures/duties.csv');
const NUM_RUNS = 40;
const tally = { files: 0, imported: 0, refused: 0 };
afterAll(() => console.log('roster fuzz', JSON.stringify(tally)));

async function xlsxOf(csvs: Record<string, Buffer>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, csv] of Object.entries(csvs)) book.addWorksheet(name).addRows(parse(csv, { bom: true, relax_column_count: true }) as string[][]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Damage to a file's bytes: flipped bytes, a cut, inserted garbage. */
const damage = (bytes: Buffer) =>
  fc.oneof(
    fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }).map((flips) => {
      const b = Buffer.from(bytes);
      for (const [i, v] of flips) b[i] = v;
      return b;
    }),
    fc.nat(bytes.length).map((n) => bytes.subarray(0, n)),
    fc.tuple(fc.nat(bytes.length), fc.uint8Array({ minLength: 1, maxLength: 200 })).map(([at, junk]) => Buffer.concat([bytes.subarray(0, at), Buffer.from(junk), bytes.subarray(at)])),
  );

/** A good CSV with one cell replaced by a hostile value (quoted the way Excel would). */
function withHostileCell(csv: Buffer) {
  const rows = parse(csv, { bom: true, relax_column_count: true }) as string[][];
  return fc.tuple(fc.nat(rows.length - 1), fc.nat(rows[0].length - 1), hostileString).map(([r, c, value]) => {
    const copy = rows.map((row) => [...row]);
    copy[r][c] = value.slice(0, 5000);
    return Buffer.from(copy.map((row) => row.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\r\n'), 'utf8');
  });
}

/** Reads and imports one file the way the CLI does; returns what a person would be told. */
async function importOutcome(db: ReturnType<typeof smallCounty>, bytes: Buffer, name: string): Promise<{ ok: boolean; messages: string[] }> {
  try {
    const tables = await readRosterFile(bytes, name);
    const result = importRoster(db, tables, { at: IMPORTED_AT });
    return result.ok ? { ok: true, messages: [] } : { ok: false, messages: result.errors };
  } catch (e) {
    if (e instanceof RosterFileError) return { ok: false, messages: [e.message] };
    throw e; // anything else is a bug in the importer
  }
}

function property(files: fc.Arbitrary<Buffer>, name: string) {
  const db = smallCounty();
  let baseline = fingerprint(db);
  return fc.asyncProperty(files, async (bytes) => {
    const outcome = await importOutcome(db, bytes, name);
    tally.files++;
    tally[outcome.ok ? 'imported' : 'refused']++;
    if (outcome.ok) {
      baseline = fingerprint(db); // a damaged file can still be a valid one: then it imports
      return;
    }
    expect(outcome.messages.length).toBeGreaterThan(0);
    for (const m of outcome.messages) expect(m).toMatch(HAN);
    expect(fingerprint(db), 'a refused import changed the database').toBe(baseline);
  });
}

describe('the roster importer against broken files', () => {
  it('damaged roster CSVs', async () => {
    await fc.assert(property(damage(ROSTER), '人员.csv'), { numRuns: NUM_RUNS, seed: 11 });
  });

  it('damaged duty-list CSVs', async () => {
    await fc.assert(property(damage(DUTIES), '责任清单.csv'), { numRuns: NUM_RUNS, seed: 12 });
  });

  it('good CSVs with one hostile cell', async () => {
    await fc.assert(property(fc.oneof(withHostileCell(ROSTER), withHostileCell(DUTIES)), '名单.csv'), { numRuns: NUM_RUNS, seed: 13 });
  });

  it('damaged XLSX workbooks', async () => {
    const book = await xlsxOf({ 人员: ROSTER, 责任清单: DUTIES });
    await fc.assert(property(damage(book), '名单.xlsx'), { numRuns: NUM_RUNS, seed: 14 });
  });

  it('text that is not a file of either kind at all', async () => {
    await fc.assert(property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }).map((s) => Buffer.from(s)), fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a))), '名单.csv'), { numRuns: NUM_RUNS, seed: 15 });
    await fc.assert(property(fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)), '名单.xlsx'), { numRuns: 20, seed: 16 });
  });
});
