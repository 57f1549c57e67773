/** The four kinds of round (督查的四种方式); how each proposes zones is shared/roundPlan.ts. */
export const ROUND_KINDS = ['random', 'rolling', 'targeted', 'followUp'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
export const ROUND_KIND_NAMES: Record<RoundKind, string> = {
  random: '随机式',
  rolling: '滚动式',
  targeted: '点穴式',
  followUp: '回头式',
};
/** What each kind is for, in a line the planner shows. */
export const ROUND_KIND_HINTS: Record<RoundKind, string> = {
  random: '随机抽取片区，久未督查、问题多的片区更容易抽中，事先无法预知',
  rolling: '每个片区至少三天督查一次，超期未督查的排在前面',
  targeted: '直奔问题反复出现的片区',
  followUp: '到有回头看到期的片区复查整改',
};
