/**
 * The one line that says whether what was done here has reached the server, and the events it refused.
 * While the panel is open it also drives the retries: a try on opening, when the browser comes back online, and
 * at the retry time the last failed run set (the background's own timer dies with its worker).
 */
import { useEffect } from 'preact/hooks';
import { timeOfDay } from '../../../shared/calendar';
import { readSyncMeta, REVOKED_NOTICE, type PanelDb, type SyncMeta } from '../../lib/db';
import { requestSync } from '../../lib/messages';
import { useLiveQuery } from '../useLiveQuery';

/**
 * Which of 网络未连接 / 服务器无法连接 / 登记已失效 / 同步失败 / 待同步 / 正在同步 / 已同步 the device is in. Never
 * synced and no error yet means the first run is under way (every page showing this line asks for one on opening).
 */
export function syncStatusText(meta: SyncMeta, pending: number, online: boolean): string {
  if (meta.revoked) return REVOKED_NOTICE;
  if (!online) return `网络未连接（${pending} 条待上传）`;
  if (meta.lastErrorKind === 'offline') return `服务器无法连接（${pending} 条待上传，恢复后自动上传）`;
  if (meta.lastErrorKind === 'failed' && meta.lastError) return `同步失败：${meta.lastError}`;
  if (pending > 0) return `待同步 ${pending} 条`;
  return meta.lastSyncAt === null ? '正在同步…' : `已同步（${timeOfDay(meta.lastSyncAt)}）`;
}

function useRetriesWhileOpen(nextRetryAt: number | null | undefined): void {
  useEffect(() => {
    void requestSync(true);
    const online = () => void requestSync(true);
    addEventListener('online', online);
    return () => removeEventListener('online', online);
  }, []);
  useEffect(() => {
    if (nextRetryAt === null || nextRetryAt === undefined) return undefined;
    const timer = setTimeout(() => void requestSync(false), Math.max(0, nextRetryAt - Date.now()));
    return () => clearTimeout(timer);
  }, [nextRetryAt]);
}

export function SyncStatus({ db }: { db: PanelDb }) {
  const state = useLiveQuery(async () => {
    const [meta, pending, rejected] = await Promise.all([
      readSyncMeta(db),
      db.outbox.where('state').equals('pending').count(),
      db.outbox.where('state').equals('rejected').toArray(),
    ]);
    return { meta, pending, rejected };
  });
  useRetriesWhileOpen(state?.meta.nextRetryAt);
  if (!state) return null;
  const text = syncStatusText(state.meta, state.pending, navigator.onLine);
  const bad = state.meta.revoked || state.meta.lastErrorKind !== null;
  return (
    <div class="sync">
      <p class={bad ? 'sync-status bad' : 'sync-status'}>
        <span data-testid="sync-status" role="status" aria-live="polite">
          {text}
        </span>
        {!state.meta.revoked ? (
          <button type="button" class="link" onClick={() => requestSync()}>
            立即同步
          </button>
        ) : null}
      </p>
      {state.rejected.length > 0 ? (
        <div class="rejected" data-testid="rejected">
          <p>{state.rejected.length} 条记录未被服务器接受：</p>
          <ul>
            {state.rejected.map((o) => (
              <li key={o.id}>
                {o.lastError}
                <button type="button" class="link" onClick={() => db.outbox.delete(o.n!)}>
                  放弃这条
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
