// The seven categories of a responsibility list (责任清单), in the order the county's documents use.
export const CATEGORIES = [
  'public_facilities',
  'city_appearance',
  'traffic_order',
  'greening',
  'sanitation',
  'health_education',
  'vector_control',
] as const;

export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_NAMES: Record<Category, string> = {
  public_facilities: '公共设施',
  city_appearance: '市容市貌',
  traffic_order: '交通秩序',
  greening: '绿化管理',
  sanitation: '环境卫生',
  health_education: '健康教育',
  vector_control: '病媒生物防治',
};

/** Default rectification deadline (时限) per category, in days from assignment; the command center can change them. */
export const DEFAULT_DEADLINE_DAYS: Record<Category, number> = {
  public_facilities: 5,
  city_appearance: 3,
  traffic_order: 2,
  greening: 5,
  sanitation: 1,
  health_education: 7,
  vector_control: 3,
};

export function categoryByName(name: string): Category | undefined {
  const trimmed = name.trim();
  return CATEGORIES.find((c) => CATEGORY_NAMES[c] === trimmed);
}
