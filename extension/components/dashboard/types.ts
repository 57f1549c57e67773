/** The shapes the dashboard reads, inferred from the server's router (types only: no server code is bundled). */
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@server/routers/_app';

type Out = inferRouterOutputs<AppRouter>;
type In = inferRouterInputs<AppRouter>;

export type Completion = Out['report']['completion'];
export type UnitStats = Completion['byUnit'][number];
export type IssueFigures = Out['report']['issues'];
export type UnitDay = Out['report']['unitDay'];
export type IssueListed = Out['report']['issueList']['issues'][number];
export type HistoryEntry = Out['report']['issueHistory'][number];
export type Bulletin = Out['export']['bulletin'];
export type OrgScope = Out['org']['scope'];
export type IntakeQueue = Out['intake']['queue'];
export type IssueFilter = In['report']['issueList'];
export type Scores = Out['assessment']['scores'];
export type ExplainedDeduction = Out['assessment']['unit']['deductions'][number];
export type AppealListed = Out['assessment']['appeals'][number];
export type BulletinDraft = Out['assessment']['draftBulletin'];
/** What the 通报 sheet draws: a scope's live bulletin, or a draft or issued one with its 考核. */
export type SheetData = Bulletin & Partial<Pick<BulletinDraft, 'assessment' | 'cumulative' | 'changes' | 'issued'>>;
