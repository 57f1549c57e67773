import { z } from 'zod';
import { CATEGORIES } from '../categories';
import { ROLES } from '../roles';
import { id, text } from './common';

export const category = z.enum(CATEGORIES, { error: '类别必须是七类之一' });
export const role = z.enum(ROLES, { error: '角色无效' });
export const cadence = z.enum(['daily', 'weekly'], { error: '频次必须是每天或每周' });

export const zoneSchema = z.object({
  id,
  number: z.number().int().min(1).max(999),
  name: text('片区名称', 60),
  chiefPersonId: id.nullable(),
  leadUnitId: id.nullable(),
});

export const gridCellSchema = z.object({
  id,
  unitId: id,
  zoneId: id,
  name: text('网格名称', 60),
  /** The person named for the cell (格中定人). */
  personName: text('网格责任人', 30),
});

export const unitSchema = z.object({
  id,
  name: text('单位名称', 60),
  zoneId: id,
});

export const personSchema = z.object({
  id,
  name: text('姓名', 30),
  role,
  /** Staff, unit heads and department heads belong to a unit; zone chiefs, inspectors and the command center may not. */
  unitId: id.nullable(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 09:30');

export const dutySchema = z.object({
  id,
  category,
  title: text('事项', 60),
  description: text('要求', 300, 0),
  cadence,
  /** Daily: due at this time of day. Weekly: due at this time on `dueWeekday`. Shanghai time. */
  dueTime: hhmm,
  /** 1 = Monday … 7 = Sunday; only for weekly duties. */
  dueWeekday: z.number().int().min(1).max(7),
  /** Due only on Chinese working days (statutory holidays off, 调休 make-up days on). */
  workingDaysOnly: z.boolean(),
  /** The units that own this duty; empty means every unit. */
  unitIds: z.array(id),
});

export type Zone = z.infer<typeof zoneSchema>;
export type GridCell = z.infer<typeof gridCellSchema>;
export type Unit = z.infer<typeof unitSchema>;
export type Person = z.infer<typeof personSchema>;
export type Duty = z.infer<typeof dutySchema>;
export type Cadence = z.infer<typeof cadence>;
