/*
 * The columns a roster or duty list may have, and the names counties give them. A header is matched after
 * dropping spaces and anything in brackets ("频次（每天/每周）" reads as 频次), then through the aliases below;
 * a person can map any other header to a field (or to 忽略) by hand. A header that is neither known nor mapped
 * stops the import: nothing in a county's file is dropped without a word.
 */
import type { SheetKind } from './rosterFile';

/** Fields of a roster row. 片长, 牵头单位 and 联系电话 are the county layout's; 角色 marks today's template. */
export const PEOPLE_FIELDS = [
  '片区编号', '片区名称', '片长', '片长电话', '牵头单位', '单位', '是否牵头单位', '网格', '网格责任人', '姓名', '角色', '联系电话', '单位负责人', '负责人电话',
] as const;
export const DUTY_FIELDS = ['类别', '事项', '要求', '频次', '截止时间', '截止星期', '仅工作日', '适用单位', '不适用单位'] as const;
export type Field = (typeof PEOPLE_FIELDS)[number] | (typeof DUTY_FIELDS)[number];

/** Mapping a column to this drops it on purpose (and the preview says so). */
export const IGNORE = '忽略';
/** Columns a county file often has that carry nothing to import; they are listed as left out, never an error. */
const ALWAYS_IGNORED = new Set(['序号', '备注', '说明']);

const ALIASES: Record<string, Field> = {
  片区: '片区名称', 片区名: '片区名称', 片区号: '片区编号', 编号: '片区编号',
  片区长: '片长', 片长姓名: '片长', 片长联系电话: '片长电话',
  牵头部门: '牵头单位',
  责任单位: '单位', 单位名称: '单位',
  网格名称: '网格', 责任网格: '网格', 责任区域: '网格',
  责任人: '网格责任人', 网格长: '网格责任人',
  电话: '联系电话', 手机: '联系电话', 手机号: '联系电话', 手机号码: '联系电话', 联系方式: '联系电话',
  单位负责人电话: '负责人电话',
  责任事项: '事项', 工作要求: '要求', 标准: '要求', 完成时限: '截止时间',
};

export function normaliseHeader(h: string): string {
  return h.replace(/[(（][^)）]*[)）]/g, '').replace(/\s+/g, '').trim();
}

/** What one header column holds: a field, left out on purpose, or unknown (the import stops until it is mapped). */
export type ColumnRole = { field: Field } | { ignored: 'listed' | 'mapped' } | { unknown: true };

/**
 * Resolves a header row. `map` is the person's own choice (header → field or 忽略) and wins. In a roster
 * without a 角色 column (the county layout), 姓名 is the grid cell's person.
 */
export function resolveHeaders(headers: readonly string[], map: Readonly<Record<string, string>> = {}): ColumnRole[] {
  const norm = headers.map(normaliseHeader);
  const template = norm.includes('角色');
  const known = new Set<string>([...PEOPLE_FIELDS, ...DUTY_FIELDS]);
  const mapped = Object.fromEntries(Object.entries(map).map(([k, v]) => [normaliseHeader(k), v]));
  return norm.map((h) => {
    const chosen = mapped[h];
    if (chosen === IGNORE) return { ignored: 'mapped' };
    if (chosen && known.has(chosen)) return { field: chosen as Field };
    if (!h) return { ignored: 'listed' };
    if (h === '姓名' && !template) return { field: '网格责任人' };
    if (known.has(h)) return { field: h as Field };
    if (ALIASES[h]) return { field: ALIASES[h] };
    if (ALWAYS_IGNORED.has(h)) return { ignored: 'listed' };
    return { unknown: true };
  });
}

/** Which kind of sheet a header row is: a duty list names 事项 and 频次; a roster names a person or a unit and zone. */
export function kindOfColumns(roles: readonly ColumnRole[]): SheetKind | null {
  const fields = new Set(roles.flatMap((r) => ('field' in r ? [r.field] : [])));
  if (fields.has('事项') && fields.has('频次')) return 'duties';
  if (fields.has('姓名') || fields.has('网格责任人') || (fields.has('单位') && fields.has('片区编号'))) return 'people';
  return null;
}

/** Every field a person may map a column to, for the CLI's help and the dashboard's choice list. */
export function fieldsOf(kind: SheetKind): readonly string[] {
  return [...(kind === 'duties' ? DUTY_FIELDS : PEOPLE_FIELDS), IGNORE];
}
