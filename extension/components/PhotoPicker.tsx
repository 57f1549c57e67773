/** Choosing photos: from a file (camera roll on a phone) or a capture of the visible tab; shrunk before storing. */
import './photos.css';
import { useState } from 'preact/hooks';
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
      if (all.length > MAX_PHOTOS) setError(`每次最多 ${MAX_PHOTOS} 张照片，多出的没有加入`);
      onChange(all.slice(0, MAX_PHOTOS));
    } catch {
      setError('无法读取这张图片，请选择 JPG、PNG 或 WebP 照片');
    } finally {
      setBusy(false);
    }
  }

  async function capture() {
    const shot = await captureVisibleTab();
    if (shot) await add([shot]);
    else setError('无法截取当前页面（浏览器未授权），请改为选择照片');
  }

  return (
    <div class="photos">
      {/* The native file button speaks the browser's language; this label speaks ours and keeps the input focusable. */}
      <label class="file-button">
        选择照片
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
          截取当前页面
        </button>
      ) : null}
      {busy ? <span class="muted">正在处理照片…</span> : null}
      {error ? <p class="error">{error}</p> : null}
      {photos.length > 0 ? (
        <ul class="thumbs" data-testid={`${testId}-chosen`}>
          {photos.map((p, i) => (
            <li key={i}>
              <img src={urlOf(p)} alt={`第 ${i + 1} 张照片`} />
              <button type="button" class="link" onClick={() => onChange(photos.filter((x) => x !== p))}>
                移除
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
