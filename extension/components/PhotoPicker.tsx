/** Choosing photos: from a file (camera roll on a phone) or a capture of the visible tab; shrunk before storing. */
import './photos.css';
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { captureVisibleTab, downscaleToJpeg } from '../lib/photoResize';

export const MAX_PHOTOS = 6;

export function PhotoPicker({ testId, photos, onChange, allowCapture }: { testId: string; photos: Blob[]; onChange(photos: Blob[]): void; allowCapture: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [urls] = useState(() => new WeakMap<Blob, string>());
  const urlOf = (b: Blob) => urls.get(b) ?? (urls.set(b, URL.createObjectURL(b)), urls.get(b)!);

  async function add(blobs: Blob[]) {
    setBusy(true);
    setError(null);
    try {
      const shrunk = await Promise.all(blobs.map((b) => downscaleToJpeg(b)));
      const all = [...photos, ...shrunk];
      if (all.length > MAX_PHOTOS) setError(t('tooManyPhotos', MAX_PHOTOS));
      onChange(all.slice(0, MAX_PHOTOS));
    } catch {
      setError(t('photoUnreadable'));
    } finally {
      setBusy(false);
    }
  }

  async function capture() {
    const shot = await captureVisibleTab();
    if (shot) await add([shot]);
    else setError(t('captureUnavailable'));
  }

  return (
    <div class="photos">
      {/* The native file button speaks the browser's language; this label speaks ours and keeps the input focusable. */}
      <label class="file-button">
        {t('choosePhoto')}
        <input
          type="file"
          class="visually-hidden"
          accept="image/jpeg,image/png,image/webp"
          multiple
          data-testid={testId}
          onChange={(e) => {
            const input = e.currentTarget;
            const files = [...(input.files ?? [])];
            input.value = '';
            if (files.length) void add(files);
          }}
        />
      </label>{' '}
      {allowCapture ? (
        <button type="button" onClick={capture} disabled={busy}>
          {t('captureTab')}
        </button>
      ) : null}
      {busy ? <span class="muted">{t('photoProcessing')}</span> : null}
      {error ? <p class="error">{error}</p> : null}
      {photos.length > 0 ? (
        <ul class="thumbs" data-testid={`${testId}-chosen`}>
          {photos.map((p, i) => (
            <li key={i}>
              <img src={urlOf(p)} alt={t('photoN', i + 1)} />
              <button type="button" class="link" onClick={() => onChange(photos.filter((x) => x !== p))}>
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
