/** 督查小结: the rounds that covered the zones this person answers for (every round for the command center). */
import type { Api } from '../../lib/api';
import { dateTimeLabel } from '../../../shared/labels';
import { ROUND_KIND_NAMES } from '../../../shared/roundKinds';
import { useCall } from '../useCall';

export function RoundSummaries({ api }: { api: Api }) {
  const rounds = useCall(() => api.supervision.roundSummaries.query(), [api]);
  if (rounds.error) return <p class="error">{rounds.error}</p>;
  if (!rounds.data) return <p class="muted">正在读取…</p>;
  if (rounds.data.length === 0) return <p class="muted" data-testid="rounds-empty">还没有督查记录</p>;
  return (
    <section data-testid="round-summaries">
      <ul class="rounds">
        {rounds.data.map((r) => (
          <li key={r.id} data-testid={`round-${r.id}`}>
            <p>
              <strong>{r.zoneNames.join('、')}</strong>
              <span class="muted">
                {' '}· {dateTimeLabel(r.startedAt)} · {r.kind ? ROUND_KIND_NAMES[r.kind] : '督查'} · {r.teamName ?? r.inspectorName} · 发现问题{r.findings}个
              </span>
            </p>
            <p>{r.summary || '（未填写督查小结）'}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
