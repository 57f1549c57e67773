/** A roster import preview as plain Chinese lines: what the CLI prints (the dashboard lays the same data out). */
import { ACTION_NAMES, KIND_NAMES, KINDS, type Action, type ImportPreview } from './rosterChanges';

const LAYOUT_NAMES = { county: '县里常用格式（每个网格一行）', template: '模板格式（每人一行，含“角色”列）' } as const;
/** The CLI shows this many lines of each kind of change; the dashboard shows them all. */
const LINES_PER_GROUP = 30;

export function summaryLines(preview: ImportPreview): string[] {
  const out: string[] = [];
  const layout = preview.layout ? LAYOUT_NAMES[preview.layout] : '责任清单';
  out.push(`格式：${layout}${preview.encoding ? `，编码 ${preview.encoding}` : ''}`);
  for (const kind of KINDS) {
    const c = preview.counts[kind];
    if (!Object.values(c).some(Boolean)) continue;
    const parts = (['added', 'changed', 'moved', 'replaced', 'leftOut'] as Action[]).filter((a) => c[a]).map((a) => `${ACTION_NAMES[a]} ${c[a]}`);
    out.push(`  ${KIND_NAMES[kind]}：${[...parts, `不变 ${c.unchanged}`].join('，')}`);
  }
  for (const kind of KINDS) {
    for (const action of ['added', 'changed', 'moved', 'replaced', 'leftOut'] as Action[]) {
      const lines = preview.changes.filter((l) => l.kind === kind && l.action === action);
      if (!lines.length) continue;
      out.push(`${KIND_NAMES[kind]}·${ACTION_NAMES[action]}（${lines.length}）：`);
      out.push(...lines.slice(0, LINES_PER_GROUP).map((l) => `  ${l.text}`));
      if (lines.length > LINES_PER_GROUP) out.push(`  ……等共${lines.length}项`);
    }
  }
  if (preview.standardDuties) out.push(`没有导入责任清单：各单位将使用默认责任清单（${preview.standardDuties}项，七类，每天和每周事项），以后导入本县的责任清单即可取代。`);
  out.push(...preview.leftOutColumns);
  out.push(...preview.notices.map((n) => `请留意：${n}`));
  return out;
}
