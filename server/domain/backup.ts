/*
 * Online backup with VACUUM INTO: one read transaction writes a compact copy of the snapshot it sees, while the
 * server keeps serving (WAL lets writers go on beside it). The page-by-page backup API was measured restarting
 * from scratch about 16 times on a 2 MB file beside a busy writer; VACUUM INTO never restarts. The copy is then
 * opened read-only and checked, so a backup is only reported done when it is one you can restore.
 *
 * `backupAll` takes the database and the photos together into one folder: the database first, then every photo
 * the copy names (photos are immutable and uploaded before the events that cite them, so none is missing from a
 * consistent copy), each checked against its SHA-256 name, then manifest.json last: a folder without it is an
 * unfinished backup. server/domain/restore.ts puts it back.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '../db/open';
import { DB_FILE_NAME } from '../dataFile';
import { photoPath } from '../photoRoutes';
import { chainBreakMessage, verifyLedger, type Checkpoint } from './ledgerChain';

export interface BackupResult {
  file: string;
  bytes: number;
  /** Rows per table in the copy. */
  counts: Record<string, number>;
  /** The copy's ledger checkpoint, its hash chain verified whole. */
  checkpoint: Checkpoint;
}

export class BackupError extends Error {}

/** Row counts of every table of an open SQLite connection, by table name. */
export function tableCounts(sqlite: Database.Database): Record<string, number> {
  const names = sqlite
    .prepare<[], string>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name")
    .pluck()
    .all();
  return Object.fromEntries(names.map((n) => [n, sqlite.prepare<[], number>(`select count(*) from "${n}"`).pluck().get() ?? 0]));
}

export async function backupDb(db: Db, file: string): Promise<BackupResult> {
  // Never overwrite: a backup written over the live file, or over yesterday's good copy, is a disaster.
  if (existsSync(file)) throw new BackupError(`备份文件“${file}”已存在，请换一个文件名`);
  try {
    db.$client.prepare('VACUUM INTO ?').run(file);
  } catch (e) {
    throw new BackupError(`备份失败：${(e as Error).message}`);
  }
  const copy = new Database(file, { readonly: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`备份文件校验未通过：${String(integrity)}`);
    const chain = verifyLedger(copy);
    if (!chain.ok) throw new BackupError(`台账哈希链校验未通过，这份数据不宜作为备份：${chainBreakMessage(chain)}`);
    return { file, bytes: statSync(file).size, counts: tableCounts(copy), checkpoint: chain.checkpoint };
  } finally {
    copy.close();
  }
}

export const MANIFEST = 'manifest.json';

export interface Manifest {
  format: 1;
  createdAt: number;
  database: { file: typeof DB_FILE_NAME; bytes: number; sha256: string; counts: Record<string, number>; checkpoint: Checkpoint };
  photos: { id: string; bytes: number }[];
  /** Photos the database names whose files were already missing from the data directory. */
  missingPhotos: string[];
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function readManifest(folder: string): Manifest {
  try {
    const manifest = JSON.parse(readFileSync(join(folder, MANIFEST), 'utf8')) as Manifest;
    if (manifest.format !== 1 || !manifest.database?.sha256 || !manifest.database.checkpoint || !Array.isArray(manifest.photos)) throw new Error('format');
    return manifest;
  } catch {
    throw new BackupError(`备份清单 ${MANIFEST} 无法读取或格式不对`);
  }
}

/** The database and its photos into a new folder, checked; returns the manifest written last. */
export async function backupAll(db: Db, dataDir: string, folder: string, now: number): Promise<Manifest> {
  if (existsSync(folder)) throw new BackupError(`备份文件夹“${folder}”已存在，请换一个名字`);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, DB_FILE_NAME);
  const { bytes, counts, checkpoint } = await backupDb(db, file);
  const copy = new Database(file, { readonly: true });
  const ids = copy.prepare<[], string>('select id from photos order by id').pluck().all();
  copy.close();
  const photos: Manifest['photos'] = [];
  const missingPhotos: string[] = [];
  for (const id of ids) {
    const from = photoPath(dataDir, id);
    if (!existsSync(from)) {
      missingPhotos.push(id);
      continue;
    }
    const to = photoPath(folder, id);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    if (sha256File(to) !== id) throw new BackupError(`照片 ${id.slice(0, 12)}… 的内容与编号不符，数据目录中的照片已损坏`);
    photos.push({ id, bytes: statSync(to).size });
  }
  const manifest: Manifest = { format: 1, createdAt: now, database: { file: DB_FILE_NAME, bytes, sha256: sha256File(file), counts, checkpoint }, photos, missingPhotos };
  writeFileSync(join(folder, MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}
