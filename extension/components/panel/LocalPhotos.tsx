/** Thumbnails of photos kept in this browser (taken here); photos only on the server are not fetched. */
import { useEffect, useState } from 'preact/hooks';
import type { PanelDb } from '../../lib/db';
import { t } from '../../lib/i18n';

export function LocalPhotos({ db, ids }: { db: PanelDb; ids: string[] }) {
  const [urls, setUrls] = useState<string[]>([]);
  const key = ids.join(',');
  useEffect(() => {
    let made: string[] = [];
    let live = true;
    db.photos.bulkGet(ids).then((rows) => {
      made = rows.flatMap((r) => (r ? [URL.createObjectURL(new Blob([r.bytes], { type: r.type }))] : []));
      if (live) setUrls(made);
      else made.forEach((u) => URL.revokeObjectURL(u));
    });
    return () => {
      live = false;
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [db, key]);
  if (urls.length === 0) return null;
  return (
    <ul class="thumbs">
      {urls.map((u, i) => (
        <li key={u}>
          <img src={u} alt={t('photoN', i + 1)} />
        </li>
      ))}
    </ul>
  );
}
