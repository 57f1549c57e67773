/** The period's scores: units, zones (what each zone chief answers for) and lead units, with ranks and 红黑榜. */
import type { Scores } from './types';
import type { ListMark } from '../../../shared/assessment/score';
import { pointsLabel as score } from '../../../shared/labels';

const MARK: Record<'red' | 'black', string> = { red: '红榜', black: '黑榜' };

function Mark({ list }: { list: ListMark }) {
  return list ? <span class={`mark ${list}`}>{MARK[list]}</span> : null;
}


export function ScoreTables({ scores, onOpen }: { scores: Scores; onOpen(unitId: string): void }) {
  const zoneName = new Map(scores.zones.map((z) => [z.zoneId, z.zoneName]));
  return (
    <>
      <h2>责任单位得分</h2>
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
                <td>{u.rank}</td>
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
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      {scores.zones.length ? (
        <>
          <h2>片区得分（片长负责）</h2>
          <table data-testid="zone-scores">
            <thead>
              <tr>
                <th>名次</th>
                <th>片区</th>
                <th>单位数</th>
                <th>平均得分</th>
                <th>榜单</th>
              </tr>
            </thead>
            <tbody>
              {[...scores.zones]
                .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999) || a.zoneNumber - b.zoneNumber)
                .map((z) => (
                  <tr key={z.zoneId}>
                    <td>{z.rank ?? '—'}</td>
                    <td>{z.zoneName}</td>
                    <td>{z.unitCount}</td>
                    <td class="score">{score(z.score)}</td>
                    <td>
                      <Mark list={z.list} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      ) : null}
      {scores.leadUnits.length ? (
        <>
          <h2>牵头单位得分（所牵头片区的平均分）</h2>
          <table data-testid="lead-scores">
            <thead>
              <tr>
                <th>名次</th>
                <th>牵头单位</th>
                <th>牵头片区数</th>
                <th>得分</th>
                <th>榜单</th>
              </tr>
            </thead>
            <tbody>
              {[...scores.leadUnits]
                .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999))
                .map((l) => (
                  <tr key={l.unitId}>
                    <td>{l.rank ?? '—'}</td>
                    <td>{l.unitName}</td>
                    <td>{l.zoneIds.length}</td>
                    <td class="score">{score(l.score)}</td>
                    <td>
                      <Mark list={l.list} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
