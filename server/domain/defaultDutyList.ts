/*
 * The county-standard responsibility list (责任清单) every unit works from until the county imports its own:
 * 每天一保洁 (daily items, due in the morning or at close of business on working days) and 每周一扫除 (weekly
 * items, mostly due Friday 17:00), covering the seven categories of the 创卫 standard. A freshly imported county
 * therefore has something to tick on its first working day. Items here belong to every unit; ids start with
 * `std-` so an import can tell the list apart from one the county wrote (roster.ts replaces it while untouched).
 */
import type { Duty } from '../../shared/schemas/org';

export type DutyItem = Omit<Duty, 'id' | 'unitIds'> & { only?: readonly string[] };

export const daily = (category: Duty['category'], title: string, description: string, dueTime: string, workingDaysOnly = true, only?: readonly string[]): DutyItem => ({
  category, title, description, cadence: 'daily', dueTime, dueWeekday: 5, workingDaysOnly, only,
});
export const weekly = (category: Duty['category'], title: string, description: string, dueWeekday = 5, dueTime = '17:00', only?: readonly string[]): DutyItem => ({
  category, title, description, cadence: 'weekly', dueTime, dueWeekday, workingDaysOnly: true, only,
});

export const STANDARD_DAILY: DutyItem[] = [
  daily('sanitation', '门前三包区域清扫', '单位门前及三包责任区路面无垃圾、无烟头纸屑、无积水', '09:00'),
  daily('sanitation', '垃圾桶清理', '垃圾桶日产日清，桶身干净无满溢，周边无散落垃圾', '10:00'),
  daily('sanitation', '单位大院及楼道保洁', '大院、楼道、楼梯扶手干净整洁，无乱堆乱放', '09:30'),
  daily('sanitation', '公厕保洁', '单位公厕地面干净无积水、无异味，洗手液、纸巾齐全', '10:00'),
  daily('city_appearance', '小广告清理', '责任区内墙面、电杆无乱贴乱画、无“牛皮癣”', '17:00'),
  daily('traffic_order', '门前车辆停放秩序', '机动车、非机动车在划线区域内有序停放，不占用人行道', '09:00'),
  daily('greening', '绿化带垃圾捡拾', '责任区绿化带内无白色垃圾、无杂物', '17:00'),
  daily('public_facilities', '责任区设施巡查', '路灯、井盖、垃圾箱、座椅完好，损坏的及时上报', '17:00'),
];

export const STANDARD_WEEKLY: DutyItem[] = [
  weekly('sanitation', '卫生死角清理', '楼顶、墙角、地下室、围墙外侧等卫生死角全面清理'),
  weekly('vector_control', '病媒生物防治药物投放检查', '毒饵站、灭蝇灯、挡鼠板完好，药物按要求投放'),
  weekly('vector_control', '积水清理', '清除花盆托盘、废旧轮胎、楼顶等处积水，防止蚊虫孳生'),
  weekly('health_education', '健康教育宣传栏更新', '宣传栏内容每周更新，主题符合当期健康教育要求', 3),
  weekly('health_education', '控烟巡查', '室内公共场所无吸烟、无烟头，禁烟标识醒目齐全', 4),
  weekly('city_appearance', '门头牌匾及外立面检查', '门头牌匾整洁完好、无破损，外立面无乱挂乱晒'),
  weekly('greening', '绿地修剪养护', '草坪、绿篱修剪整齐，枯死苗木及时补植'),
];

export const STANDARD_ID_PREFIX = 'std-';

/** The standard list as duties for every unit, with stable ids (std-daily-01 …). */
export function standardDuties(): Duty[] {
  const toDuty = (cadence: string) => ({ only: _, ...item }: DutyItem, i: number): Duty => ({
    ...item,
    id: `${STANDARD_ID_PREFIX}${cadence}-${String(i + 1).padStart(2, '0')}`,
    unitIds: [],
  });
  return [...STANDARD_DAILY.map(toDuty('daily')), ...STANDARD_WEEKLY.map(toDuty('weekly'))];
}
