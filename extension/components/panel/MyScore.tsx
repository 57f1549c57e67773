/*
 * The unit's own 考核 score this week, in the side panel: read from the server when online (scores are computed
 * there, from the whole county's ledger); offline the line says it will show once connected. The ticks themselves
 * never wait for it.
 */
import { useEffect, useState } from 'preact/hooks';
import { createApi } from '../../lib/api';
import type { Enrolment } from '../../lib/enrolment';
import { pointsLabel } from '../../../shared/labels';
import { rankLabel } from '../../../shared/assessment/score';

type Mine = { score: number; rank: number; tied: number; of: number } | null;

export function MyScore({ enrolment, unitId, at }: { enrolment: Enrolment; unitId: string; at: number }) {
  const [mine, setMine] = useState<Mine | undefined>(undefined);
  const hour = Math.floor(at / 3_600_000); // read again when the panel's clock enters a new hour
  useEffect(() => {
    let live = true;
    createApi(enrolment.serverUrl, enrolment.token)
      .assessment.scores.query({ period: 'week' })
      .then(
        (s) => {
          const u = s.units.find((x) => x.unitId === unitId);
          if (live) setMine(u ? { score: u.score, rank: u.rank, tied: u.tied, of: s.unitCount } : null);
        },
        () => live && setMine(null),
      );
    return () => {
      live = false;
    };
  }, [enrolment.serverUrl, enrolment.token, unitId, hour]);
  return (
    <p class="my-score muted" data-testid="my-score">
      {mine ? `本周考核得分 ${pointsLabel(mine.score)} 分，全县${rankLabel(mine.rank, mine.tied)}（共 ${mine.of} 个单位${mine.tied > 1 ? `，${mine.tied} 个单位同分` : ''}）` : mine === null ? '本周考核得分：联网后显示' : '正在加载…'}
    </p>
  );
}
