import { z } from 'zod';

/** Epoch milliseconds. Every instant crosses the wire as a number, so no transformer is needed. */
export const instant = z
  .number({ error: '时间必须是毫秒时间戳' })
  .int('时间必须是整数毫秒')
  .min(Date.UTC(2020, 0, 1), '时间早于2020年，不可信')
  .max(Date.UTC(2100, 0, 1), '时间晚于2100年，不可信');

export const id = z.string().trim().min(1, '编号不能为空').max(64, '编号过长');

/** A person-readable text field: trimmed, bounded, and without control characters. */
export function text(label: string, max: number, min = 1) {
  return z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(min, min > 0 ? `${label}不能为空` : undefined)
    .max(max, `${label}不能超过${max}个字`)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), `${label}含有不可见的控制字符`);
}

export const uuid = z.uuid({ error: '事件编号必须是 UUID' });

/** Shanghai calendar date, e.g. 2026-11-28. */
export const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-11-28');
/** ISO week in Shanghai, e.g. 2026-W48. */
export const weekKey = z.string().regex(/^\d{4}-W\d{2}$/, '周的格式应为 2026-W48');
export const periodKey = z.union([dateKey, weekKey], { error: '周期应为日期（2026-11-28）或周（2026-W48）' });

/** A photo is referenced by the SHA-256 of its bytes (hex), once uploaded. */
export const photoId = z.string().regex(/^[0-9a-f]{64}$/, '照片编号无效');
