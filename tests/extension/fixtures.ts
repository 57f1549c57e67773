/** A unit's duty list for the extension tests (the same three duties as the server's small county). */
import type { Duty } from '../../shared/schemas/org';

export const SWEEP: Duty = { id: 'd-sweep', category: 'sanitation', title: '门前三包区域清扫', description: '', cadence: 'daily', dueTime: '09:00', dueWeekday: 1, workingDaysOnly: true, unitIds: [] };
export const BINS: Duty = { id: 'd-bins', category: 'sanitation', title: '垃圾桶清理', description: '', cadence: 'daily', dueTime: '17:00', dueWeekday: 1, workingDaysOnly: false, unitIds: [] };
export const CORNER: Duty = { id: 'd-corner', category: 'vector_control', title: '卫生死角清理', description: '', cadence: 'weekly', dueTime: '17:00', dueWeekday: 5, workingDaysOnly: true, unitIds: [] };
export const SIGNS: Duty = { id: 'd-signs', category: 'public_facilities', title: '公益广告牌检查', description: '', cadence: 'daily', dueTime: '10:00', dueWeekday: 1, workingDaysOnly: true, unitIds: [] };
