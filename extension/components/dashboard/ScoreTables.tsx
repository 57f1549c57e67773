/** The period's scores: units, zones (what each zone chief answers for) and lead units, with ranks and 红黑榜. */
import type { Scores } from './types';
import { rankCell, type ListMark } from '../../../shared/assessment/score';
import { blackRunLabel, LADDER_STEP_NAMES, type LadderStep } from '../../../shared/assessment/rubric';
import { pointsLabel as score } from '../../../shared/labels';

const MARK: Record<'red' | 'black', string> = { red: '红榜', black: '黑榜' };

function Ladder({ consecutive, step }: { consecutive: number; step: LadderStep | null }) {
  return (
    <span class="muted">
      {' '}
      {blackRunLabel(consecutive)}
      {step ? `，${LADDER_STEP_NAMES[step]}` : ''}
    </span>
  );
}

function Mark({ list }: { list: ListMark }) {
  return list ? <span class={`mark ${list}`}>{MARK[list]}</span> : null;
}

export function ScoreTables({ scores, onOpen }: { scores: Scores; onOpen(unitId: string): void }) {
  const zoneName = new Map(scores.zones.map((z) => [z.zoneId, z.zoneName]));
  return (
    <>
      <h2>责任单位得分</h2>
      {new Set(scores.units.map((u) => u.score)).size === 1 ? (
        <p class="muted" data-testid="scores-level">
          本期各单位得分相同，暂不列红黑榜。
        </p>
      ) : null}
      <table data-testid="unit-scores">
        <thead>
          <tr>
            <th>名次</th>
            <th>单位</th>
            <th>片区</th>
            <th>得分</th>
            <th>扣分</th>
            <th>加分</th>
            <th>榜单</th>
          </tr>
        </thead>
        <tbody>
          {[...scores.units]
            .sort((a, b) => a.rank - b.rank || a.unitName.localeCompare(b.unitName, 'zh-CN'))
            .map((u) => (
              <tr key={u.unitId} data-testid={`score-${u.unitId}`}>
                <td>{rankCell(u.rank, u.tied)}</td>
                <td>
                  <button type="button" class="link" data-testid={`open-score-${u.unitId}`} onClick={() => onOpen(u.unitId)}>
                    {u.unitName}
                  </button>
                </td>
                <td>{zoneName.get(u.zoneId) ?? ''}</td>
                <td class="score">{score(u.score)}</td>
                <td>{u.deducted ? `-${score(u.deducted)}` : '0'}</td>
                <td>{u.credited ? `+${score(u.credited)}` : '0'}</td>
                <td>
                  <Mark list={u.list} />
                  {scores.ladder[u.unitId] ? <Ladder {...scores.ladder[u.unitId]} /> : null}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <RankedTable
        testId="zone-scores"
        title="片区得分（片长负责）"
        heads={['片区', '片长', '单位数', '平均得分']}
        rows={scores.zones.map((z) => ({ key: z.zoneId, cells: [z.zoneName, z.chiefName ?? '—', z.unitCount], score: z.score, rank: z.rank, tied: z.tied, list: z.list }))}
      />
      <RankedTable
        testId="lead-scores"
        title="牵头单位得分（所牵头片区的平均分）"
        heads={['牵头单位', '牵头片区数', '得分']}
        rows={scores.leadUnits.map((l) => ({ key: l.unitId, cells: [l.unitName, l.zoneIds.length], score: l.score, rank: l.rank, tied: l.tied, list: l.list }))}
      />
    </>
  );
}

interface RankedRow {
  key: string;
  /** The columns between 名次 and the score. */
  cells: (string | number)[];
  score: number | null;
  rank: number | null;
  tied: number;
  list: ListMark;
}

/** Zones and lead units: ranked by their score (the unranked, with no units, last); the last head is the score's. */
function RankedTable({ testId, title, heads, rows }: { testId: string; title: string; heads: string[]; rows: RankedRow[] }) {
  if (!rows.length) return null;
  return (
    <>
      <h2>{title}</h2>
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>名次</th>
            {heads.map((h) => (
              <th key={h}>{h}</th>
            ))}
            <th>榜单</th>
          </tr>
        </thead>
        <tbody>
          {[...rows]
            .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
            .map((r) => (
              <tr key={r.key}>
                <td>{r.rank === null ? '—' : rankCell(r.rank, r.tied)}</td>
                {r.cells.map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
                <td class="score">{score(r.score)}</td>
                <td>
                  <Mark list={r.list} />
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}
