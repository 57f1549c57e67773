/** What the supervision procedures return, as the page sees it (types only: no server code in the bundle). */
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@server/routers/_app';

type Out = inferRouterOutputs<AppRouter>;
export type OrgScope = Out['org']['scope'];
export type ZoneDue = Out['supervision']['zonesDue'][number];
export type RecheckTask = Out['supervision']['rechecksDue'][number];
export type IssueDetail = Out['supervision']['issue'];
export type Alert = Out['supervision']['alerts'][number];
export type Hotspot = Out['supervision']['hotspots'][number];
export type SimilarIssue = Out['supervision']['similarOpen'][number];
