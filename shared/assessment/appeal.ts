/** 申诉 states, as the dashboard and the server name them. */
export const APPEAL_STATES = ['pending', 'accepted', 'rejected'] as const;
export type AppealState = (typeof APPEAL_STATES)[number];
export const APPEAL_STATE_NAMES: Record<AppealState, string> = { pending: '待处理', accepted: '已采纳', rejected: '已驳回' };
