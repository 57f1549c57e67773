/*
 * Photos of an issue, fetched with the device token (the server checks scope on every photo) and shown through
 * object URLs, released when the view goes away. Before (整改前) and after (整改后) side by side.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../useSession';

function usePhotoUrls(session: Session, ids: readonly string[]): { urls: string[]; error: string | null } {
  const [state, setState] = useState<{ urls: string[]; error: string | null }>({ urls: [], error: null });
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    const made: string[] = [];
    (async () => {
      for (const id of ids) {
        const res = await fetch(`${session.enrolment.serverUrl}/photos/${id}`, { headers: { authorization: `Bearer ${session.enrolment.token}` } });
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
          throw new Error(body.error?.message ?? '照片加载失败');
        }
        made.push(URL.createObjectURL(await res.blob()));
        if (live) setState({ urls: [...made], error: null });
      }
    })().catch((e: Error) => live && setState((s) => ({ ...s, error: /[\u4e00-\u9fff]/.test(e.message) ? e.message : '照片加载失败' })));
    return () => {
      live = false;
      made.forEach((u) => URL.revokeObjectURL(u));
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the ids
  }, [key, session]);
  return state;
}

export function PhotoColumn({ session, ids, title, testId }: { session: Session; ids: string[]; title: string; testId: string }) {
  const { urls, error } = usePhotoUrls(session, ids);
  return (
    <figure class="photo-column" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {ids.length === 0 && <p class="muted">无照片</p>}
      {urls.map((u, i) => (
        <img key={u} src={u} alt={`${title}照片${i + 1}`} />
      ))}
      {error && <p class="error">{error}</p>}
    </figure>
  );
}

export function BeforeAfter({ session, before, after }: { session: Session; before: string[]; after: string[] }) {
  return (
    <div class="before-after">
      <PhotoColumn session={session} ids={before} title="整改前" testId="photos-before" />
      <PhotoColumn session={session} ids={after} title="整改后" testId="photos-after" />
    </div>
  );
}
