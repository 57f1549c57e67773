/** What an upload would change (or did change): counts by kind, each change in words, columns left out, problems. */
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@server/routers/_app';

export type ImportOutcome = inferRouterOutputs<AppRouter>['admin']['previewImport'];

const KIND_NAMES = { zones: '片区', units: '单位', gridCells: '网格', people: '人员', duties: '责任清单事项' } as const;
const ACTIONS = { added: '新增', changed: '修改', moved: '调整片区/单位', replaced: '默认清单被取代', leftOut: '文件中没有（保留不变）' } as const;
const LAYOUTS = { county: '县里常用格式（每个网格一行）', template: '模板格式（每人一行）' } as const;

interface Props {
  outcome: ImportOutcome;
  map: Record<string, string>;
  written: boolean;
  onMap(header: string, field: string): void;
}

export function ImportPreview({ outcome, map, written, onMap }: Props) {
  const preview = outcome.preview;
  const kinds = Object.keys(KIND_NAMES) as Array<keyof typeof KIND_NAMES>;
  const actions = Object.keys(ACTIONS) as Array<keyof typeof ACTIONS>;
  return (
    <div class="card wide" data-testid="import-preview">
      <h3>{written ? '已导入' : '预览（尚未写入）'}</h3>
      {outcome.unknownColumns.length ? (
        <div class="controls" data-testid="import-mapping">
          <span>以下列无法识别，请指定对应的字段：</span>
          {outcome.unknownColumns.map((header) => (
            <label class="inline" key={header}>
              “{header}”
              <select value={map[header] ?? ''} onChange={(e) => onMap(header, e.currentTarget.value)}>
                <option value="">请选择</option>
                {outcome.fields.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      ) : null}
      {!outcome.ok ? (
        <div role="alert" data-testid="import-errors">
          <p class="error">文件中有{outcome.errors.length}处问题，改正后重新上传（未导入任何数据）：</p>
          <ul>
            {outcome.errors.map((e) => (
              <li key={e} class="error">
                {e}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview ? (
        <>
          <p class="muted">
            格式：{preview.layout ? LAYOUTS[preview.layout] : '责任清单'}
            {preview.encoding ? `，编码 ${preview.encoding}` : ''}
          </p>
          <table data-testid="import-counts">
            <thead>
              <tr>
                <th />
                {actions.map((a) => (
                  <th key={a}>{ACTIONS[a]}</th>
                ))}
                <th>不变</th>
              </tr>
            </thead>
            <tbody>
              {kinds
                .filter((k) => Object.values(preview.counts[k]).some(Boolean))
                .map((k) => (
                  <tr key={k}>
                    <th>{KIND_NAMES[k]}</th>
                    {actions.map((a) => (
                      <td key={a}>{preview.counts[k][a] || ''}</td>
                    ))}
                    <td>{preview.counts[k].unchanged || ''}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          {preview.notices.map((n) => (
            <p key={n} class="notice" data-testid="import-notice">
              {n}
            </p>
          ))}
          {preview.standardDuties ? (
            <p class="notice">没有导入责任清单：各单位将使用默认责任清单（{preview.standardDuties}项），以后导入本县的责任清单即可取代。</p>
          ) : null}
          {kinds.flatMap((k) =>
            actions.map((a) => {
              const lines = preview.changes.filter((c) => c.kind === k && c.action === a);
              if (!lines.length) return null;
              return (
                <details key={`${k}-${a}`} open={a !== 'leftOut'}>
                  <summary>
                    {KIND_NAMES[k]}·{ACTIONS[a]}（{lines.length}）
                  </summary>
                  <ul>
                    {lines.map((l) => (
                      <li key={l.text}>{l.text}</li>
                    ))}
                  </ul>
                </details>
              );
            }),
          )}
          {preview.leftOutColumns.map((c) => (
            <p key={c} class="muted">
              {c}
            </p>
          ))}
        </>
      ) : null}
    </div>
  );
}
