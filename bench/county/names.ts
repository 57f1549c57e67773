/** Chinese names for the synthetic county: zones, units, people, places, duties. Plausible, not real. */
import type { Category } from '../../shared/categories';
import type { Cadence } from '../../shared/schemas/org';

export const ZONE_PLACES = [
  '人民广场', '五小厂', '民族团结广场', '农贸市场', '汽车站', '火车站', '县医院', '第一中学', '滨河公园', '城南商业街',
  '老城区', '工业园', '文化中心', '体育馆', '幸福小区', '新华路', '解放路', '建设路', '团结路', '东关',
  '西关', '南门', '北门', '城东社区', '城西社区', '河滨路', '步行街', '政务中心', '物流园', '职业中学',
  '花园小区', '东湖', '西山公园', '高铁站',
];

const UNIT_BASES = [
  '县住建局', '县教育局', '县卫健局', '县市场监管局', '县交通运输局', '县自然资源局', '县生态环境分局', '县公安局',
  '县财政局', '县民政局', '县人社局', '县农业农村局', '县水利局', '县商务局', '县文旅局', '县应急管理局',
  '县城管局', '县税务局', '县供电公司', '县自来水公司', '县人民医院', '县中医院', '县第一中学', '县第二中学',
  '县实验小学', '县邮政分公司', '县移动公司', '县电信公司', '县农商银行', '县工商银行支行',
];

/** Unique unit names: the county's departments first, then communities and schools by number. */
export function unitName(index: number): string {
  if (index < UNIT_BASES.length) return UNIT_BASES[index];
  const n = index - UNIT_BASES.length + 1;
  const kinds = ['城关镇第{n}社区居委会', '县第{n}小学', '城区第{n}物业服务中心', '第{n}商户联合会'];
  return kinds[n % kinds.length].replace('{n}', String(Math.ceil(n / kinds.length)));
}

const FAMILY = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英'];

export function personName(index: number): string {
  return FAMILY[index % FAMILY.length] + GIVEN[Math.floor(index / FAMILY.length) % GIVEN.length];
}

export const STREETS = ['人民路', '解放路', '建设路', '新华路', '团结路', '河滨路', '文化路', '胜利街', '中山路', '迎宾大道'];

export interface DutySpec {
  title: string;
  category: Category;
  cadence: Cadence;
  dueTime: string;
  workingDaysOnly: boolean;
}

const daily = (title: string, category: Category, dueTime: string, workingDaysOnly = false): DutySpec => ({
  title,
  category,
  cadence: 'daily',
  dueTime,
  workingDaysOnly,
});
const weekly = (title: string, category: Category): DutySpec => ({ title, category, cadence: 'weekly', dueTime: '17:00', workingDaysOnly: true });

/** A responsibility list of 26 daily items (每天一保洁) and 4 weekly ones (每周一扫除). */
export const DUTY_SPECS: DutySpec[] = [
  daily('门前三包区域清扫', 'sanitation', '09:00'),
  daily('垃圾桶清理归位', 'sanitation', '10:00'),
  daily('路面无垃圾、无积水', 'sanitation', '10:00'),
  daily('绿化带内垃圾捡拾', 'greening', '10:00'),
  daily('公厕保洁', 'sanitation', '09:00'),
  daily('楼道及院内卫生', 'sanitation', '11:00', true),
  daily('清理乱贴乱画', 'city_appearance', '11:00'),
  daily('店外经营、乱堆乱放劝导', 'city_appearance', '11:00'),
  daily('车辆规范停放', 'traffic_order', '10:00'),
  daily('非机动车定点摆放', 'traffic_order', '10:00'),
  daily('占道经营劝离', 'traffic_order', '12:00'),
  daily('公共设施完好检查', 'public_facilities', '12:00', true),
  daily('路灯、井盖巡查', 'public_facilities', '17:00'),
  daily('宣传栏内容更新检查', 'health_education', '17:00', true),
  daily('禁烟标识检查', 'health_education', '12:00'),
  daily('花坛树池保洁', 'greening', '12:00'),
  daily('草坪及绿篱巡查', 'greening', '17:00'),
  daily('鼠迹检查', 'vector_control', '17:00'),
  daily('积水容器清理（防蚊）', 'vector_control', '17:00'),
  daily('垃圾清运交接', 'sanitation', '17:00'),
  daily('餐厨垃圾收集检查', 'sanitation', '17:00'),
  daily('空中飞线检查', 'city_appearance', '17:00'),
  daily('店招店牌整洁', 'city_appearance', '17:00'),
  daily('背街小巷保洁', 'sanitation', '17:00'),
  daily('河沟水面漂浮物清理', 'sanitation', '17:00'),
  daily('下班前区域巡查', 'sanitation', '18:00'),
  weekly('卫生死角大扫除', 'sanitation'),
  weekly('病媒生物防制设施检查', 'vector_control'),
  weekly('健康教育宣传活动', 'health_education'),
  weekly('公共设施维护登记', 'public_facilities'),
];

export const ISSUE_TEXT: Record<Category, string[]> = {
  public_facilities: ['井盖破损', '路灯不亮', '护栏倒伏'],
  city_appearance: ['乱贴小广告', '店外经营', '空中飞线杂乱'],
  traffic_order: ['机动车乱停放', '非机动车占用人行道', '占道经营'],
  greening: ['绿化带内有垃圾', '树池黄土裸露', '草坪踩踏严重'],
  sanitation: ['路面有垃圾', '垃圾桶满溢', '积存垃圾未清运'],
  health_education: ['宣传栏内容过期', '无禁烟标识', '健康教育专栏缺失'],
  vector_control: ['发现鼠迹', '积水容器未清理', '防蝇设施缺失'],
};
