/*
 * A full disk or a database that became read-only is not a bug in a request: the server answers 503 with a
 * message saying so, stays up, and takes writes again once there is space (devices keep their outbox and retry
 * on any 5xx). Reads go on meanwhile. SQLite reports these as SQLITE_FULL / SQLITE_READONLY* / SQLITE_IOERR*
 * (a write to a file system remounted read-only), Node's file calls as ENOSPC / EDQUOT / EROFS.
 */
export type StorageFailure = 'full' | 'unwritable';

export const STORAGE_MESSAGES: Record<StorageFailure, string> = {
  full: '服务器存储空间已满，暂时无法保存；您的记录仍保存在本机，恢复后会自动上传',
  unwritable: '服务器数据暂时无法写入（存储为只读或出错），请联系管理员；您的记录仍保存在本机，恢复后会自动上传',
};

export function storageFailureOf(error: unknown): StorageFailure | null {
  const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code === 'EROFS') return 'unwritable';
  return null;
}
