/** Inputs of the command center's administration procedures (server/routers/admin.ts). */
import { z } from 'zod';
import { id, text } from './common';

/** A roster or duty-list file as the dashboard uploads it; 1 MB of base64 is far more than a county's roster. */
export const rosterUploadInput = z.object({
  fileName: text('文件名', 120).refine((n) => /\.(csv|xlsx)$/i.test(n), '请上传 .csv 或 .xlsx 文件'),
  base64: z.string({ error: '文件内容缺失' }).min(1, '文件是空的').max(1_000_000, '文件过大（上限约 700 KB）').regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容不是有效的 base64'),
  /** Header → field (or 忽略) for columns the importer does not know. */
  map: z.record(text('列名', 60), text('字段', 20)).default({}),
});

export const issueCodesInput = z.object({
  target: z.union([z.object({ person: id }), z.object({ unit: id }), z.object({ everyone: z.literal(true) })], { error: '请选择人员、单位或全部人员' }),
  days: z.number().int().min(1, '有效期至少1天').max(90, '有效期最多90天').default(7),
});

export const deviceInput = z.object({ deviceId: id });

/** The units that do a duty; all of them means every unit (stored as none, so later units get it too). */
export const dutyUnitsInput = z.object({ dutyId: id, unitIds: z.array(id).max(5000, '单位过多') });
