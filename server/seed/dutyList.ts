/*
 * The demo county's responsibility list (责任清单): 每天一保洁 (daily items, mostly due in the morning on working
 * days; market items every day) and 每周一扫除 (weekly items, mostly due Friday 17:00): the county-standard list
 * (server/domain/defaultDutyList.ts), which belongs to every unit, plus the demo's own items for markets, hospitals
 * and schools; `only` names the units an item is theirs alone (by unit name, resolved to ids by the seed).
 */
import { daily, STANDARD_DAILY, STANDARD_WEEKLY, weekly, type DutyItem } from '../domain/defaultDutyList';
import { HOSPITAL_UNITS, MARKET_UNITS, SCHOOL_UNITS } from './names';

export const DAILY_DUTIES: DutyItem[] = [
  ...STANDARD_DAILY,
  daily('sanitation', '农贸市场地面冲洗', '市场内场地面冲洗干净，无污水横流、无异味', '08:00', false, MARKET_UNITS),
  daily('sanitation', '农贸市场垃圾清运', '市场垃圾日产日清，收集点加盖密闭', '18:00', false, MARKET_UNITS),
  daily('vector_control', '农贸市场防蝇设施检查', '熟食、生鲜摊位防蝇罩、纱门纱窗完好使用', '10:00', false, MARKET_UNITS),
  daily('sanitation', '医疗废物暂存点检查', '医疗废物分类收集、专人交接，暂存点密闭上锁', '16:00', false, HOSPITAL_UNITS),
];

export const WEEKLY_DUTIES: DutyItem[] = [
  ...STANDARD_WEEKLY,
  weekly('public_facilities', '校园周边环境整治', '校门口及周边无占道经营、无乱停乱放，护学岗到位', 5, '16:00', SCHOOL_UNITS),
];
