import { z } from 'zod';
import { DAY } from '../calendar';
import { timeOfEventId } from '../eventId';

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

/*
 * An event id as a client sends it: a lower-case UUIDv7 (version nibble 7, variant bits 10), so a v4 id, the
 * all-zero and all-f UUIDs and the same id in capitals (a second event to a string compare) are refused.
 * `eventIdRefusal` adds the time: the id's timestamp is the maker's clock when the event was made, and it must lie
 * within EVENT_ID_WINDOW of the server's clock when the event arrives: at most 400 days before (a device
 * offline for over a year is not believable; events arriving late within that are normal and are judged by
 * the backdating rule of shared/schedule.ts) and at most 1 day after (wider than any time-zone mistake; a
 * device further ahead must fix its clock, and its refused events wait in its outbox with this message).
 */
const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const EVENT_ID_WINDOW = { before: 400 * DAY, after: DAY };
export const eventId = z.string({ error: '事件编号必须是文字' }).regex(UUIDV7, '事件编号必须是小写的 UUIDv7');
/**
 * Why an id is refused when an event arrives at `now`, or null when it passes: first its form (`eventId`), then
 * its time. A plain function rather than a schema refined per `now`: the server asks it for every pushed event,
 * and building a zod schema per push cost more than checking its ids.
 */
export function eventIdRefusal(value: unknown, now: number): string | null {
  const form = eventId.safeParse(value);
  if (!form.success) return form.error.issues[0].message;
  const t = timeOfEventId(form.data);
  return t >= now - EVENT_ID_WINDOW.before && t <= now + EVENT_ID_WINDOW.after ? null : '事件编号中的时间与服务器时间相差过大，请校准设备时钟后重试';
}

/** Shanghai calendar date, e.g. 2026-11-28. */
export const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-11-28');
/** ISO week in Shanghai, e.g. 2026-W48. */
export const weekKey = z.string().regex(/^\d{4}-W\d{2}$/, '周的格式应为 2026-W48');
export const periodKey = z.union([dateKey, weekKey], { error: '周期应为日期（2026-11-28）或周（2026-W48）' });

/** A photo is referenced by the SHA-256 of its bytes (hex), once uploaded. */
export const photoId = z.string().regex(/^[0-9a-f]{64}$/, '照片编号无效');
