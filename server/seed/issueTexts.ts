/** What demo issues say: typical findings per category, and the notes people write when fixing and checking. */
import type { Category } from '../../shared/categories';

export const FINDINGS: Record<Category, readonly string[]> = {
  public_facilities: ['路灯不亮，夜间通行不便', '人行道地砖破损松动', '窨井盖缺失，存在安全隐患', '公交站台顶棚破损', '果皮箱损坏未更换'],
  city_appearance: ['占道经营，摊点摆放至人行道', '墙面乱贴乱画“牛皮癣”小广告', '店外乱堆乱放杂物', '空中线缆杂乱下垂', '沿街晾晒衣物'],
  traffic_order: ['非机动车乱停乱放，堵塞盲道', '机动车占用人行道停放', '交通标线模糊不清', '路口隔离护栏倾倒'],
  greening: ['绿化带缺株断垄', '行道树枯死未补植', '绿地被踩踏，黄土裸露', '绿篱长期未修剪'],
  sanitation: ['垃圾桶满溢，未及时清运', '路面积存垃圾、烟头纸屑', '绿化带内有白色垃圾', '公厕地面污渍，异味明显', '建筑垃圾随意倾倒'],
  health_education: ['健康教育宣传栏内容未更新', '室内公共场所禁烟标识缺失', '室内有吸烟现象，现场有烟头', '宣传栏破损，内容缺失'],
  vector_control: ['鼠迹明显，防鼠设施缺失', '积水容器孳生蚊虫幼虫', '毒饵站破损，未投放药物', '餐饮店防蝇设施不全', '垃圾收集点苍蝇密度高'],
};

export const RECTIFY_NOTES = [
  '已安排人员清理完毕，现场干净整洁',
  '已整改到位，并安排专人每日巡查',
  '已联系相关单位维修更换',
  '已清理完毕并对商户进行了劝导',
  '已补植补种，加强日常养护',
  '已更新宣传内容，张贴禁烟标识',
];

export const PASS_NOTES = ['回头看：已整改到位', '回头看：现场整洁，整改到位', '复查合格，同意销号'];
export const FAIL_NOTES = ['回头看：整改不彻底，仍有垃圾堆积，需返工', '回头看：问题反弹，需重新整改', '复查不合格，整改照片与现场不符'];
export const REJECT_REASONS = ['经核实不属于本单位责任区域', '现场核查问题不存在', '属于在建工地围挡内，由住建部门另行处理', '重复上报，已合并处理'];

export const COMPLAINT_PREFIX = '12345热线转办：';
