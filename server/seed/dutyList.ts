/*
 * The demo county's responsibility list (责任清单): 每天一保洁 (daily items, mostly due in the morning on working
 * days; market items every day) and 每周一扫除 (weekly items, mostly due Friday 17:00). Most items belong to every
 * unit; `only` names the units an item is theirs alone (by unit name, resolved to ids by the seed).
 */
import type { Duty } from '../../shared/schemas/org';
import { HOSPITAL_UNITS, MARKET_UNITS, SCHOOL_UNITS } from './names';

export type DutyItem = Omit<Duty, 'id' | 'unitIds'> & { only?: readonly string[] };

const daily = (category: Duty['category'], title: string, description: string, dueTime: string, workingDaysOnly = true, only?: readonly string[]): DutyItem => ({
  category, title, description, cadence: 'daily', dueTime, dueWeekday: 5, workingDaysOnly, only,
});
const weekly = (category: Duty['category'], title: string, description: string, dueWeekday = 5, dueTime = '17:00', only?: readonly string[]): DutyItem => ({
  category, title, description, cadence: 'weekly', dueTime, dueWeekday, workingDaysOnly: true, only,
});

export const DAILY_DUTIES: DutyItem[] = [
  daily('sanitation', '门前三包区域清扫', '单位门前及三包责任区路面无垃圾、无烟头纸屑、无积水', '09:00'),
  daily('sanitation', '垃圾桶清理', '垃圾桶日产日清，桶身干净无满溢，周边无散落垃圾', '10:00'),
  daily('sanitation', '单位大院及楼道保洁', '大院、楼道、楼梯扶手干净整洁，无乱堆乱放', '09:30'),
  daily('sanitation', '公厕保洁', '单位公厕地面干净无积水、无异味，洗手液、纸巾齐全', '10:00'),
  daily('city_appearance', '小广告清理', '责任区内墙面、电杆无乱贴乱画、无“牛皮癣”', '17:00'),
  daily('traffic_order', '门前车辆停放秩序', '机动车、非机动车在划线区域内有序停放，不占用人行道', '09:00'),
  daily('greening', '绿化带垃圾捡拾', '责任区绿化带内无白色垃圾、无杂物', '17:00'),
  daily('public_facilities', '责任区设施巡查', '路灯、井盖、垃圾箱、座椅完好，损坏的及时上报', '17:00'),
  daily('sanitation', '农贸市场地面冲洗', '市场内场地面冲洗干净，无污水横流、无异味', '08:00', false, MARKET_UNITS),
  daily('sanitation', '农贸市场垃圾清运', '市场垃圾日产日清，收集点加盖密闭', '18:00', false, MARKET_UNITS),
  daily('vector_control', '农贸市场防蝇设施检查', '熟食、生鲜摊位防蝇罩、纱门纱窗完好使用', '10:00', false, MARKET_UNITS),
  daily('sanitation', '医疗废物暂存点检查', '医疗废物分类收集、专人交接，暂存点密闭上锁', '16:00', false, HOSPITAL_UNITS),
];

export const WEEKLY_DUTIES: DutyItem[] = [
  weekly('sanitation', '卫生死角清理', '楼顶、墙角、地下室、围墙外侧等卫生死角全面清理'),
  weekly('vector_control', '病媒生物防治药物投放检查', '毒饵站、灭蝇灯、挡鼠板完好，药物按要求投放'),
  weekly('vector_control', '积水清理', '清除花盆托盘、废旧轮胎、楼顶等处积水，防止蚊虫孳生'),
  weekly('health_education', '健康教育宣传栏更新', '宣传栏内容每周更新，主题符合当期健康教育要求', 3),
  weekly('health_education', '控烟巡查', '室内公共场所无吸烟、无烟头，禁烟标识醒目齐全', 4),
  weekly('city_appearance', '门头牌匾及外立面检查', '门头牌匾整洁完好、无破损，外立面无乱挂乱晒'),
  weekly('greening', '绿地修剪养护', '草坪、绿篱修剪整齐，枯死苗木及时补植'),
  weekly('public_facilities', '校园周边环境整治', '校门口及周边无占道经营、无乱停乱放，护学岗到位', 5, '16:00', SCHOOL_UNITS),
];
