/*
 * The side panel of someone without a unit's duty list: what their role answers for, at a glance, with a link into
 * the page where they act on it. A zone chief: their zones today and this week, and the units lagging behind. An
 * inspector: the 回头看 due and the zones due a visit. The command center: the county's figures and the problems
 * waiting to be 交办. Read from the server when the panel opens (these are other people's figures, not kept offline).
 * A unit's person who is also a zone's 片长 gets the zone chief's part below their own duty list (ChiefSummary).
 */
import { useMemo } from 'preact/hooks';
import { createApi, type Api } from '../../lib/api';
import { enrolmentRoleLabel, type Enrolment } from '../../lib/enrolment';
import { INSPECTION_STATUS_NAMES } from '../../../shared/supervision';
import { percentLabel } from '../../../shared/labels';
import { DUTY_STATUS_NAMES as S, FIGURE_NAMES as F } from '../../../shared/metrics';
import { ROLE_NAMES } from '../../../shared/roles';
import { useCall, type Call } from '../useCall';

const SHOWN = 5;

function Figures({ label, total }: { label: string; total: { rate: number | null; done: number; dueByNow: number; missed: number; overdue: number } }) {
  return (
    <p class="role-figure">
      <strong>{label}</strong> {F.rate} {percentLabel(total.rate)}（{F.done} {total.done} / {F.dueByNow} {total.dueByNow}）
      {total.missed + total.overdue > 0 ? <span class="poor"> {S.missed} {total.missed} · {S.overdue} {total.overdue}</span> : null}
    </p>
  );
}

function Loading<T>({ call, children }: { call: Call<T>; children: (data: T) => preact.ComponentChildren }) {
  if (call.error) return <p class="error">需要联网查看：{call.error}</p>;
  if (!call.data) return <p class="muted">正在加载…</p>;
  return <>{children(call.data)}</>;
}

/** `zoneId`: one zone's figures (a zone its reader chiefs); without it, everything the reader sees. */
function Overview({ api, lagging, zoneId }: { api: Api; lagging: boolean; zoneId?: string }) {
  const overview = useCall(() => api.report.overview.query({ scope: zoneId ? { zoneId } : 'mine' }), [api, zoneId]);
  return (
    <Loading call={overview}>
      {(o) => {
        const behind = o.week.byUnit.filter((u) => u.rate !== null && u.rate < 1).slice(0, SHOWN);
        return (
          <section data-testid="role-overview">
            <h2>{o.title}</h2>
            <Figures label="今天" total={o.today.total} />
            <Figures label="本周" total={o.week.total} />
            {lagging && behind.length ? (
              <>
                <h3>本周落后的单位</h3>
                <ul data-testid="role-lagging">
                  {behind.map((u) => (
                    <li key={u.unitId}>
                      {u.unitName} {percentLabel(u.rate)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        );
      }}
    </Loading>
  );
}

function AwaitingAssignment({ api }: { api: Api }) {
  const waiting = useCall(() => api.report.issueList.query({ state: 'reported', limit: 1000 }), [api]);
  return (
    <Loading call={waiting}>
      {(w) => (
        <p class="role-figure" data-testid="role-to-assign">
          <strong>待交办问题</strong> {w.more ? '1000+' : w.issues.length}
        </p>
      )}
    </Loading>
  );
}

function InspectorWork({ api }: { api: Api }) {
  const rechecks = useCall(() => api.supervision.rechecksDue.query(), [api]);
  const zones = useCall(() => api.supervision.zonesDue.query(), [api]);
  return (
    <>
      <Loading call={rechecks}>
        {(r) => (
          <p class="role-figure" data-testid="role-rechecks">
            <strong>回头看</strong> 待回头看 {r.length} 件，其中可核查 {r.filter((x) => x.canVerify).length} 件、已到期 {r.filter((x) => x.due).length} 件
          </p>
        )}
      </Loading>
      <Loading call={zones}>
        {(z) => {
          const due = z.filter((x) => x.status !== 'ok').slice(0, SHOWN);
          return (
            <>
              <h3>应督查的片区</h3>
              {due.length ? (
                <ul data-testid="role-zones-due">
                  {due.map((x) => (
                    <li key={x.zoneId}>
                      {x.name} · {INSPECTION_STATUS_NAMES[x.status]}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted">各片区都在督查周期内</p>
              )}
            </>
          );
        }}
      </Loading>
    </>
  );
}

function DashboardLink() {
  return (
    <a class="button" href="/dashboard.html" target="_blank" data-testid="open-dashboard">
      打开工作看板
    </a>
  );
}

/**
 * Below the duty list of a unit's person who is also a zone's 片长: each zone they chief at a glance (today, this
 * week, the units lagging), and the way into the dashboard where they 交办 and 催办.
 */
export function ChiefSummary({ enrolment }: { enrolment: Enrolment }) {
  const api = useMemo(() => createApi(enrolment.serverUrl, enrolment.token), [enrolment.serverUrl, enrolment.token]);
  return (
    <section class="role-summary" data-testid="chief-summary" aria-label={ROLE_NAMES.zone_chief}>
      {enrolment.chiefOf.map((z) => (
        <Overview key={z.id} api={api} lagging zoneId={z.id} />
      ))}
      <p class="role-links">
        <DashboardLink />
      </p>
    </section>
  );
}

export function RoleSummary({ enrolment }: { enrolment: Enrolment }) {
  const api = useMemo(() => createApi(enrolment.serverUrl, enrolment.token), [enrolment.serverUrl, enrolment.token]);
  const { role } = enrolment;
  return (
    <main class="role-summary" data-testid="role-summary">
      <header>
        <h1>{enrolment.name}</h1>
        <p class="muted">{enrolmentRoleLabel(enrolment)}</p>
      </header>
      {role === 'inspector' ? <InspectorWork api={api} /> : <Overview api={api} lagging={role !== 'command'} />}
      {role === 'command' ? <AwaitingAssignment api={api} /> : null}
      <p class="role-links">
        {role === 'inspector' || role === 'command' ? (
          <a class="button" href="/inspect.html" target="_blank" data-testid="open-inspect">
            打开督查工作台
          </a>
        ) : null}{' '}
        {role !== 'inspector' ? <DashboardLink /> : null}
      </p>
    </main>
  );
}
