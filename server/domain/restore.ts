/*
 * `admin restore <backup folder>`: puts a backup (server/domain/backup.ts backupAll) back into the data
 * directory, only after it passes every check, and never under a running server.
 *
 * Checks, on a staged copy inside the data directory before anything is replaced: the manifest's SHA-256 of the
 * database, `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, the ledger's hash chain up to exactly the
 * checkpoint the backup recorded, the projections equal a rebuild from the
 * ledger, and every photo's bytes hash to its name. Only then is the old data moved aside (to
 * `replaced-<time>/`, never deleted) and the staged copy renamed into place.
 *
 * The restored copy gets a new ledger epoch (ledger.ts PullResult.epoch), so devices resend what it lacks.
 *
 * A running server is detected by SQLite itself: a database in WAL mode can leave WAL mode only when no other
 * connection has it open, so a probe that cannot is looking at a live server's file (a crashed server holds no
 * lock and does not count).
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDb } from '../db/open';
import { DB_FILE_NAME, dbFileOf } from '../dataFile';
import { photoPath } from '../photoRoutes';
import { rebuildAndCompare } from '../cli/projections';
import { BackupError, MANIFEST, readManifest, sha256File } from './backup';
import { chainBreakMessage, verifyLedger } from './ledgerChain';

export interface RestoreReport {
  events: number;
  photos: number;
  /** Where the data that was there before went, if there was any. */
  replacedTo: string | null;
}

/** Whether another connection (a running server) has the database open. */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const probe = new Database(file, { timeout: 0 });
  try {
    if (probe.pragma('journal_mode', { simple: true }) !== 'wal') return false;
    if (probe.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') return true;
    probe.pragma('journal_mode = WAL');
    return false;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    probe.close();
  }
}

/** A positive 31-bit number that differs from one restore to the next. */
function newEpoch(now: number): number {
  return (Math.floor(now / 1000) % 0x7fffffff) || 1;
}

/** The problems of a staged copy of a backup (an empty list: it may be restored). */
function problemsOf(stagedDb: string, folder: string, manifest: ReturnType<typeof readManifest>): { problems: string[]; events: number } {
  const problems: string[] = [];
  if (sha256File(stagedDb) !== manifest.database.sha256) problems.push('数据库文件与备份清单中的校验值不符（文件被改动或不完整）');
  const raw = new Database(stagedDb, { readonly: true });
  try {
    const integrity = raw.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`数据库完整性检查未通过：${String(integrity)}`);
    const dangling = raw.pragma('foreign_key_check');
    if (Array.isArray(dangling) && dangling.length) problems.push(`数据库中有 ${dangling.length} 处引用指向不存在的记录`);
    if (integrity === 'ok') {
      // The chain whole, and ending exactly at the checkpoint the backup recorded: nothing altered, cut or added.
      const expected = manifest.database.checkpoint;
      const chain = verifyLedger(raw, expected);
      if (!chain.ok) problems.push(`台账哈希链校验未通过：${chainBreakMessage(chain)}`);
      else if (chain.checkpoint.seq !== expected.seq) problems.push(`台账比备份时多出 ${chain.checkpoint.seq - expected.seq} 条事件（备份时为第${expected.seq}号）`);
    }
  } finally {
    raw.close();
  }
  let events = 0;
  if (!problems.length) {
    const db = openDb(stagedDb);
    try {
      const report = rebuildAndCompare(db, false);
      events = report.events;
      if (!report.equal) problems.push(`统计表与事件记录（${report.events} 条）重建的结果不一致`);
    } finally {
      db.$client.close();
    }
  }
  for (const photo of manifest.photos) {
    const path = photoPath(folder, photo.id);
    if (!existsSync(path)) problems.push(`照片 ${photo.id.slice(0, 12)}… 缺失`);
    else if (sha256File(path) !== photo.id) problems.push(`照片 ${photo.id.slice(0, 12)}… 内容与编号不符`);
  }
  return { problems, events };
}

export function restoreBackup(folder: string, dataDir: string, now: number): RestoreReport {
  if (!existsSync(join(folder, MANIFEST))) throw new BackupError(`“${folder}”不是完整的备份文件夹（缺少 ${MANIFEST}）`);
  const manifest = readManifest(folder);
  const live = dbFileOf(dataDir);
  if (databaseInUse(live)) throw new BackupError(`服务器正在使用“${dataDir}”中的数据，不能在运行时恢复。请先停止服务器，再运行恢复命令。`);

  const staging = join(dataDir, `restoring-${now}`);
  mkdirSync(staging, { recursive: true });
  try {
    const stagedDb = join(staging, DB_FILE_NAME);
    copyFileSync(join(folder, DB_FILE_NAME), stagedDb);
    const { problems, events } = problemsOf(stagedDb, folder, manifest);
    if (problems.length) throw new BackupError(`备份未通过检查，未做任何恢复：\n${problems.map((p) => `  ${p}`).join('\n')}`);
    // A new ledger epoch: devices that synced with the data before see it change and send everything again.
    const staged = new Database(stagedDb);
    staged.pragma(`application_id = ${newEpoch(now)}`);
    staged.close();
    for (const photo of manifest.photos) {
      const to = photoPath(staging, photo.id);
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(photoPath(folder, photo.id), to);
    }

    // Checked: move what is there aside (never delete it), then put the staged copy in its place.
    let replacedTo: string | null = null;
    const present = [DB_FILE_NAME, `${DB_FILE_NAME}-wal`, `${DB_FILE_NAME}-shm`, 'photos'].filter((name) => existsSync(join(dataDir, name)));
    if (present.length) {
      if (databaseInUse(live)) throw new BackupError(`服务器正在使用“${dataDir}”中的数据，不能在运行时恢复。`);
      replacedTo = join(dataDir, `replaced-${now}`);
      mkdirSync(replacedTo);
      for (const name of present) renameSync(join(dataDir, name), join(replacedTo, name));
    }
    for (const name of [DB_FILE_NAME, 'photos']) if (existsSync(join(staging, name))) renameSync(join(staging, name), join(dataDir, name));
    return { events, photos: manifest.photos.length, replacedTo };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
