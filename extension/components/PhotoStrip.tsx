/*
 * The one photo viewer: thumbnails that open a full view, on every page (panel issue list, inspect page,
 * dashboard issue history, 回头看 before/after). Pages say where photos come from once, with <PhotoSource>;
 * the viewer asks for each id and shows what it gets, or why it cannot show it.
 */
import './photos.css';
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../lib/api';
import { photoBlob } from '../lib/photoCache';
import type { PanelDb } from '../lib/db';
import type { Enrolment } from '../lib/enrolment';
import { downloadPhoto } from '../lib/api';

export type LoadPhoto = (id: string) => Promise<Blob>;

const PhotoContext = createContext<LoadPhoto>(() => Promise.reject(new Error('照片暂不可用')));

/** Where this page's photos come from: the local store first, then the server with the device token. */
export function photoLoader(db: PanelDb, enrolment: Pick<Enrolment, 'serverUrl' | 'token'>, now: () => number): LoadPhoto {
  return (id) => photoBlob({ db, now, download: (photoId) => downloadPhoto(enrolment.serverUrl, enrolment.token, photoId) }, id);
}

export const PhotoSource = PhotoContext.Provider;

type Shown = { url: string } | { error: string };

function usePhotoUrls(ids: readonly string[]): Shown[] {
  const load = useContext(PhotoContext);
  const [shown, setShown] = useState<Shown[]>([]);
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    const made: string[] = [];
    setShown([]);
    void (async () => {
      const out: Shown[] = [];
      for (const id of ids) {
        try {
          const url = URL.createObjectURL(await load(id));
          made.push(url);
          out.push({ url });
        } catch (e) {
          out.push({ error: errorMessage(e) });
        }
        if (live) setShown([...out]);
      }
    })();
    return () => {
      live = false;
      made.forEach((u) => URL.revokeObjectURL(u));
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the ids
  }, [key, load]);
  return shown;
}

export function PhotoStrip({ ids, label, testId }: { ids: readonly string[]; label: string; testId?: string }) {
  const shown = usePhotoUrls(ids);
  const dialog = useRef<HTMLDialogElement>(null);
  const [full, setFull] = useState<{ url: string; alt: string } | null>(null);
  if (ids.length === 0) return null;
  const open = (url: string, alt: string) => {
    setFull({ url, alt });
    dialog.current?.showModal?.();
  };
  return (
    <>
      <ul class="thumbs" data-testid={testId}>
        {shown.map((s, i) => (
          <li key={i}>
            {'url' in s ? (
              <button type="button" class="thumb" onClick={() => open(s.url, `${label}${i + 1}`)} aria-label={`查看${label}${i + 1}大图`}>
                <img src={s.url} alt={`${label}${i + 1}`} />
              </button>
            ) : (
              <span class="photo-missing" title={s.error}>{s.error}</span>
            )}
          </li>
        ))}
      </ul>
      <dialog ref={dialog} class="photo-full" data-testid={testId ? `${testId}-full` : undefined} onClick={() => dialog.current?.close()}>
        {full ? <img src={full.url} alt={full.alt} /> : null}
        <p class="muted">点击任意处关闭</p>
      </dialog>
    </>
  );
}

/** 整改前 / 整改后 side by side: what the inspector found and what the unit did. */
export function BeforeAfter({ before, after }: { before: readonly string[]; after: readonly string[] }) {
  return (
    <div class="photo-columns">
      <figure data-testid="photos-before">
        <figcaption>整改前</figcaption>
        {before.length ? <PhotoStrip ids={before} label="整改前照片" /> : <p class="muted">无照片</p>}
      </figure>
      <figure data-testid="photos-after">
        <figcaption>整改后</figcaption>
        {after.length ? <PhotoStrip ids={after} label="整改后照片" /> : <p class="muted">无照片</p>}
      </figure>
    </div>
  );
}
