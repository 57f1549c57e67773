/*
 * 导入名单: upload a roster or duty list (CSV or XLSX, as the county keeps it), see what it would change and
 * every problem row, map any column the importer does not know, then confirm. Nothing is written before the
 * confirm, and the confirm writes exactly what the preview showed (the server checks the same file again).
 */
import { useState } from 'preact/hooks';
import { errorMessage } from '../../lib/api';
import type { AdminSectionProps } from './sections';
import { ImportPreview, type ImportOutcome } from './ImportPreview';

interface Upload {
  fileName: string;
  base64: string;
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  // In slices: String.fromCharCode with a whole file's bytes as arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportSection({ session }: AdminSectionProps) {
  const { api } = session;
  const [upload, setUpload] = useState<Upload | null>(null);
  const [map, setMap] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function preview(next: Upload, nextMap: Record<string, string>) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setOutcome(await api.admin.previewImport.mutate({ ...next, map: nextMap }));
    } catch (e) {
      setOutcome(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function choose(e: Event) {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    const next = { fileName: file.name, base64: toBase64(await file.arrayBuffer()) };
    setUpload(next);
    setMap({});
    await preview(next, {});
  }

  function mapColumn(header: string, field: string) {
    const nextMap = { ...map, [header]: field };
    setMap(nextMap);
    if (upload) void preview(upload, nextMap);
  }

  async function confirm() {
    if (!upload) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.admin.importRoster.mutate({ ...upload, map });
      setOutcome(result);
      if (result.ok) setDone(`已导入“${upload.fileName}”`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const written = !!done;
  return (
    <div>
      <p class="muted">
        上传县里现有的名单（每个网格一行，或“姓名+角色”模板）或责任清单：CSV（UTF-8 或 GBK）、Excel（.xlsx）。先预览，确认后才导入；
        有任何问题整份文件都不导入。格式见 docs/import.md。
      </p>
      <p class="controls">
        <label class="inline">
          选择文件
          <input type="file" accept=".csv,.xlsx" data-testid="import-file" onChange={choose} disabled={busy} />
        </label>
        {busy ? <span class="muted">正在检查…</span> : null}
      </p>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {done ? <p class="notice" data-testid="import-done">{done}</p> : null}
      {outcome && upload ? <ImportPreview outcome={outcome} map={map} written={written} onMap={mapColumn} /> : null}
      {outcome?.ok && !written ? (
        <p>
          <button type="button" data-testid="import-confirm" disabled={busy} onClick={confirm}>
            确认导入
          </button>
        </p>
      ) : null}
    </div>
  );
}
