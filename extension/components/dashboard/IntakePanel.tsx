/*
 * 待受理: the command center's intake of reports from the public page. Each report shows the reporter's contact
 * (for the command center only), its photos and any open issues nearby that may be the same problem; 受理 files
 * it as an issue (then 交办 as usual), 不予受理 sends the reason to the follow page. Below, 不满意 answers wait
 * for review: uphold the result, or file the problem again for the same unit; verified complaints nobody has
 * answered about wait for a 回访 by phone.
 */
import { useState } from 'preact/hooks';
import type { Api } from '../../lib/api';
import { errorMessage } from '../../lib/api';
import { useCall } from '../useCall';
import { PhotoStrip } from '../PhotoStrip';
import type { IntakeQueue, OrgScope } from './types';
import { CATEGORIES, CATEGORY_NAMES, type Category } from '../../../shared/categories';
import { ISSUE_STATE_NAMES } from '../../../shared/issueFlow';
import { dateTimeLabel } from '../../../shared/labels';
import { ISSUE_SOURCE_NAMES } from '../../../shared/schemas/events';
import {
  ANSWER_VIA_NAMES,
  PUBLIC_CATEGORY_NAMES,
  REPORT_KIND_NAMES,
  SATISFACTION_ANSWERS,
  SATISFACTION_NAMES,
  type AnswerVia,
  type PublicCategory,
  type ReportKind,
  type SatisfactionAnswer,
} from '../../../shared/publicReport';

type Pending = IntakeQueue['pending'][number];
type ToReview = IntakeQueue['toReview'][number];
type ToCall = IntakeQueue['toCall'][number];

export function IntakePanel({ api, org }: { api: Api; org: OrgScope }) {
  const queue = useCall(() => api.intake.queue.query(), [api]);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setNotice(message);
    queue.reload();
  };
  if (queue.error) return <p class="error">{queue.error}</p>;
  if (!queue.data) return <p class="muted">正在读取…</p>;
  const { pending, toReview } = queue.data;
  return (
    <section data-testid="intake">
      {notice ? <p class="notice" data-testid="intake-notice">{notice}</p> : null}
      <h2>待受理的群众反映（{pending.length}）</h2>
      {pending.length === 0 ? <p class="muted" data-testid="intake-empty">没有待受理的群众反映。</p> : null}
      {pending.map((r) => (
        <PendingCard key={r.id} api={api} org={org} report={r} onDone={done} />
      ))}
      <h2>群众不满意待复核（{toReview.length}）</h2>
      {toReview.length === 0 ? <p class="muted">没有待复核的评价。</p> : null}
      {toReview.map((a) => (
        <ReviewCard key={a.answerId} api={api} answer={a} onDone={done} />
      ))}
      <h2>待电话回访（{queue.data.toCall.length}）</h2>
      {queue.data.toCall.length === 0 ? <p class="muted">近30天核查通过的群众投诉都已回访或评价。</p> : null}
      {queue.data.toCall.map((issue) => (
        <FollowUpCard key={issue.id} api={api} issue={issue} onDone={done} />
      ))}
    </section>
  );
}

function PendingCard({ api, org, report, onDone }: { api: Api; org: OrgScope; report: Pending; onDone(message: string): void }) {
  const [category, setCategory] = useState<Category | ''>(report.category === 'other' ? '' : (report.category as Category));
  const [zoneId, setZoneId] = useState(report.zoneId ?? '');
  const [unitId, setUnitId] = useState('');
  const [place, setPlace] = useState(report.place);
  const [description, setDescription] = useState(report.description);
  const [publish, setPublish] = useState(true);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const units = org.units.filter((u) => u.zoneId === zoneId);
  const value = (e: Event) => (e.target as HTMLInputElement).value;

  const accept = async () => {
    if (!category || !zoneId || !unitId) return setError('请选择类别、片区和责任单位');
    try {
      await api.intake.accept.mutate({ reportId: report.id, category, zoneId, unitId, gridCellId: null, place, description, publishPhotos: publish });
      onDone(`已受理，转为问题并归入${org.units.find((u) => u.id === unitId)?.name ?? ''}，请在问题清单中交办`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const reject = async () => {
    if (!reason.trim()) return setError('请填写不予受理的理由，群众会在查询页看到');
    try {
      await api.intake.reject.mutate({ reportId: report.id, reason: reason.trim() });
      onDone('已不予受理，理由已告知反映人');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <article class="card wide intake-card" data-testid={`report-${report.id}`}>
      <p>
        <strong>{REPORT_KIND_NAMES[report.kind as ReportKind]}</strong> · {PUBLIC_CATEGORY_NAMES[report.category as PublicCategory]} · {report.zoneName ?? '片区不详'} ·{' '}
        {dateTimeLabel(report.submittedAt)}
      </p>
      <p>
        {report.place}：{report.description}
      </p>
      <p class="muted" data-testid="reporter">
        反映人：{report.reporterName || '未留姓名'}，电话：{report.reporterPhone || '未留电话'}
      </p>
      <PhotoStrip ids={report.photoIds} label="群众照片" testId="report-photos" />
      {report.similar.length ? (
        <div class="similar" data-testid="similar">
          <p class="fair">附近可能重复的未办结问题：</p>
          <ul>
            {report.similar.map((s) => (
              <li key={s.id}>
                {s.unitName} · {s.place}：{s.description}（{ISSUE_STATE_NAMES[s.state]}，{dateTimeLabel(s.reportedAt)}）
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          类别
          <select data-testid="accept-category" value={category} onChange={(e) => setCategory(value(e) as Category)}>
            <option value="">请选择</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>{CATEGORY_NAMES[c]}</option>
            ))}
          </select>
        </label>
        <label>
          片区
          <select data-testid="accept-zone" value={zoneId} onChange={(e) => { setZoneId(value(e)); setUnitId(''); }}>
            <option value="">请选择</option>
            {org.zones.map((z) => (
              <option key={z.id} value={z.id}>{z.name}</option>
            ))}
          </select>
        </label>
        <label>
          责任单位
          <select data-testid="accept-unit" value={unitId} onChange={(e) => setUnitId(value(e))}>
            <option value="">请选择</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>{u.name}</option>
            ))}
          </select>
        </label>
        <label>
          地点
          <input value={place} maxLength={100} onInput={(e) => setPlace(value(e))} />
        </label>
        <label>
          问题描述
          <input value={description} maxLength={500} size={40} onInput={(e) => setDescription(value(e))} />
        </label>
        <label class="check">
          <input type="checkbox" data-testid="accept-publish" checked={publish} onChange={(e) => setPublish((e.target as HTMLInputElement).checked)} />
          查询页公开整改前后照片
        </label>
        <button type="button" data-testid="accept" onClick={accept}>受理</button>
        <label>
          不予受理理由
          <input data-testid="reject-reason" value={reason} maxLength={300} onInput={(e) => setReason(value(e))} />
        </label>
        <button type="button" data-testid="reject" onClick={reject}>不予受理</button>
      </form>
      {error ? <p class="error">{error}</p> : null}
    </article>
  );
}

function ReviewCard({ api, answer, onDone }: { api: Api; answer: ToReview; onDone(message: string): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const review = async (outcome: 'upheld' | 'reissued') => {
    if (!note.trim()) return setError('请填写复核意见');
    try {
      await api.intake.review.mutate({ answerId: answer.answerId, outcome, note: note.trim() });
      onDone(outcome === 'reissued' ? '已重新立案，请在问题清单中交办' : '已复核，维持原处理结果');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const { issue } = answer;
  return (
    <article class="card wide" data-testid={`review-${issue.id}`}>
      <p>
        <strong class="poor">不满意</strong>（{ANSWER_VIA_NAMES[answer.via as AnswerVia]}，{dateTimeLabel(answer.answeredAt)}）：{answer.comment}
      </p>
      <p class="muted">
        原问题：{issue.zoneName} · {issue.unitName} · {issue.place}：{issue.description}（{ISSUE_STATE_NAMES[issue.state]}）
      </p>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          复核意见
          <input data-testid="review-note" value={note} maxLength={300} size={40} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
        </label>
        <button type="button" data-testid="review-upheld" onClick={() => review('upheld')}>维持原处理结果</button>
        <button type="button" data-testid="review-reissued" onClick={() => review('reissued')}>重新立案交办</button>
      </form>
      {error ? <p class="error">{error}</p> : null}
    </article>
  );
}

function FollowUpCard({ api, issue, onDone }: { api: Api; issue: ToCall; onDone(message: string): void }) {
  const [answer, setAnswer] = useState<SatisfactionAnswer | ''>('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const record = async () => {
    if (!answer) return setError('请选择群众的评价');
    try {
      await api.intake.followUpCall.mutate({ issueId: issue.id, answer, comment: comment.trim() });
      onDone(`回访已记录：${SATISFACTION_NAMES[answer]}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <article class="card wide" data-testid={`call-${issue.id}`}>
      <p>
        {ISSUE_SOURCE_NAMES[issue.source]} · {issue.zoneName} · {issue.unitName} · {issue.place}：{issue.description}（{issue.verifiedAt ? dateTimeLabel(issue.verifiedAt) : ''} 核查通过）
      </p>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        {SATISFACTION_ANSWERS.map((a) => (
          <label class="check" key={a}>
            <input type="radio" name={`call-${issue.id}`} checked={answer === a} onChange={() => setAnswer(a)} />
            {SATISFACTION_NAMES[a]}
          </label>
        ))}
        <label>
          群众意见
          <input value={comment} maxLength={300} size={40} onInput={(e) => setComment((e.target as HTMLInputElement).value)} />
        </label>
        <button type="button" onClick={record}>记录回访</button>
      </form>
      {error ? <p class="error">{error}</p> : null}
    </article>
  );
}
