/*
 * What a 通报 adds once it carries the period's 考核 (a draft or an issued one): the 红榜 and 黑榜 with each
 * black-listed unit's step on the ladder, the zones at the bottom named with their chiefs and lead units, the
 * change since the previous issue and the cumulative figures.
 */
import type { SheetData } from './types';
import { blackRunLabel, LADDER_STEP_NAMES } from '../../../shared/assessment/rubric';
import { pointsLabel, rateChangeLabel } from '../../../shared/labels';

type Extras = Required<Pick<SheetData, 'assessment' | 'cumulative' | 'changes'>>;

export function RankingSection({ b, heading }: { b: Extras; heading: string }) {
  const { redList, blackList, bottomZones } = b.assessment;
  return (
    <>
      <h3>{heading}</h3>
      <p class="para" data-testid="bulletin-red">
        红榜：{redList.length ? redList.map((u) => `${u.unitName}（${pointsLabel(u.score)}分）`).join('、') : '本期无'}。
      </p>
      <p class="para" data-testid="bulletin-black">
        黑榜：
        {blackList.length
          ? blackList
              .map((u) => `${u.unitName}（${pointsLabel(u.score)}分，${blackRunLabel(u.consecutive)}${u.step ? `，予以${LADDER_STEP_NAMES[u.step]}` : ''}）`)
              .join('；')
          : '本期无'}
        。
      </p>
      {bottomZones.length ? (
        <p class="para" data-testid="bulletin-bottom-zones">
          排名靠后的片区：
          {bottomZones
            .map((z) => `${z.zoneName}（片长${z.chiefName || '未明确'}，牵头单位${z.leadUnitName || '未明确'}），平均得分${pointsLabel(z.score)}分，排第${z.rank}名`)
            .join('；')}
          。请片长亲自过问，牵头单位督促责任单位限期整改。
        </p>
      ) : null}
      <p class="para" data-testid="bulletin-changes">
        {b.changes
          ? `与第${b.changes.previousNumber}期相比，完成率${rateChangeLabel(b.changes.rate.now, b.changes.rate.before)}，发现问题${b.changes.reported.now}个（上期${b.changes.reported.before}个），超期未整改问题${b.changes.overdueIssues.now}个（上期${b.changes.overdueIssues.before}个）；` +
            `${b.changes.newlyBlack.length ? `新上黑榜：${b.changes.newlyBlack.join('、')}；` : '无新上黑榜单位；'}` +
            `${b.changes.offBlack.length ? `退出黑榜：${b.changes.offBlack.join('、')}。` : '无退出黑榜单位。'}`
          : '本期为首期通报。'}
      </p>
      <p class="para" data-testid="bulletin-cumulative">
        创卫以来共发布通报{b.cumulative.issues}期，累计通报问题{b.cumulative.problems}件次、通报单位{b.cumulative.units}个。
      </p>
    </>
  );
}
