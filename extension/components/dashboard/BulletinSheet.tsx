/*
 * The 通报 sheet: an A4 page in the official register (red title, 第N期, 创卫指挥部 and the date), printed with page
 * numbers (see the @page rule in the dashboard's style.css). It draws whatever it is given: the live bulletin of a
 * scope (export.bulletin), the command center's draft with 考核, or an issued bulletin's frozen JSON as reprinted.
 */
import type { SheetData } from './types';
import { hoursLabel, SATISFACTION_TARGET } from '../../../shared/satisfaction';
import { RankingSection } from './AssessmentSections';
import { checkpointLabel, dateTimeLabel, longDateLabel, monthDay, percentLabel, rateChangeLabel } from '../../../shared/labels';
import { DUTY_STATUS_NAMES as S, FIGURE_NAMES as F } from '../../../shared/metrics';

function change(now: number, before: number, unit: string): string {
  if (now === before) return '持平';
  return `${now > before ? '增加' : '减少'}${Math.abs(now - before)}${unit}`;
}

export function BulletinSheet({ b }: { b: SheetData }) {
  const span = `${longDateLabel(b.period.from)}至${monthDay(b.period.to)}`;
  const o = b.overall;
  return (
    <article class="bulletin" data-testid="bulletin">
      <header>
        <h1 class="bulletin-title">{b.title}</h1>
        <p class="bulletin-number">第{b.number}期</p>
        {b.assessment && !b.issued ? <p class="draft no-print">（草稿，尚未签发）</p> : null}
        <p class="bulletin-issuer">
          <span>{b.issuer}</span>
          <span>{longDateLabel(b.issuedOn)}</span>
        </p>
        <hr class="red-rule" />
      </header>
      <h2>关于{span}片长制责任落实情况的通报</h2>
      <p>各片区片长、牵头单位、各责任单位：</p>
      <p class="para">
        现将{span}（共{b.period.days}天）{b.scopeTitle === '全县' ? '全县' : b.scopeTitle}“每天一保洁、每周一扫除”责任清单落实及问题整改情况通报如下。
      </p>
      <h3>一、总体情况</h3>
      <p class="para" data-testid="bulletin-overall">
        本期{F.dueByNow}责任清单事项{o.dueByNow}项，{F.done}{o.done}项，{F.rate}{percentLabel(o.rate)}，{F.onTimeRate}{percentLabel(o.onTimeRate)}；{S.missed}{o.missed}项
        {o.overdue ? `，${S.overdue}${o.overdue}项` : ''}。
        与上期（{monthDay(b.previous.from)}至{monthDay(b.previous.to)}）相比，完成率{rateChangeLabel(o.rate, b.prior.rate)}，{S.missed}事项{change(o.missed, b.prior.missed, '项')}。
        本期发现问题{o.reported}个（上期{b.prior.reported}个），完成整改{o.rectified}个，回头看核查通过{o.verified}个，按期整改率{percentLabel(o.onTimeRectifyRate)}；目前超期未整改问题{o.overdueIssues}个，返工{o.reopens}次。
      </p>
      <h3>二、各片区完成情况排名</h3>
      <table class="bulletin-table">
        <thead>
          <tr>
            <th>名次</th>
            <th>片区</th>
            <th>单位数</th>
            <th>{F.dueByNow}</th>
            <th>{S.missed}</th>
            <th>{S.overdue}</th>
            <th>{F.rate}</th>
            <th>{F.onTimeRate}</th>
          </tr>
        </thead>
        <tbody>
          {b.zonesRanked.map((z) => (
            <tr key={z.zoneId}>
              <td>{z.rank}</td>
              <td>{z.zoneName}</td>
              <td>{z.unitCount}</td>
              <td>{z.dueByNow}</td>
              <td>{z.missed}</td>
              <td>{z.overdue}</td>
              <td>{percentLabel(z.rate)}</td>
              <td>{percentLabel(z.onTimeRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>三、点名通报单位</h3>
      {b.unitsNamed.length === 0 ? (
        <p class="para">本期各责任单位均按要求完成责任清单事项。</p>
      ) : (
        <ol class="named">
          {b.unitsNamed.map((u) => (
            <li key={u.unitId}>
              {u.unitName}（{u.zoneName}）：{S.missed}{u.missed}项{u.overdue ? `，${S.overdue}${u.overdue}项` : ''}，{F.rate}{percentLabel(u.rate)}
              {u.duties.length ? `。其中${u.duties.map((d) => `“${d.title}”${d.missed}次`).join('、')}` : ''}。
            </li>
          ))}
        </ol>
      )}
      {b.otherUnitsWithMisses > 0 ? <p class="para">另有{b.otherUnitsWithMisses}个单位本期存在未完成或已超时事项，请对照责任清单自查补齐。</p> : null}
      {b.assessment && b.cumulative ? <RankingSection b={{ assessment: b.assessment, cumulative: b.cumulative, changes: b.changes ?? null }} heading="四、考核排名与红黑榜" /> : null}
      <h3>{b.assessment ? '五' : '四'}、问题发现与整改</h3>
      <p class="para">
        本期共发现问题{b.problems.found}个
        {b.problems.byCategory.length ? `，其中${b.problems.byCategory.map((c) => `${c.name}${c.count}个`).join('、')}` : ''}；完成整改{b.problems.rectified}个。
      </p>
      <p class="para" data-testid="bulletin-satisfaction">
        本期受理群众反映{o.publicAccepted}件，平均受理用时{hoursLabel(o.toAcceptanceHours)}，自反映起平均整改用时{hoursLabel(o.toFixHours)}；群众评价{o.answered}件，群众满意率{percentLabel(o.satisfactionRate)}
        （标准不低于{percentLabel(SATISFACTION_TARGET)}，上期{percentLabel(b.prior.satisfactionRate)}）{o.dissatisfied ? `，不满意${o.dissatisfied}件已由${b.issuer}复核` : ''}。
      </p>
      <h3>{b.assessment ? '六' : '五'}、超期未整改问题</h3>
      {b.overdueIssues.length === 0 ? (
        <p class="para">目前没有超期未整改的问题。</p>
      ) : (
        <table class="bulletin-table">
          <thead>
            <tr>
              <th>片区</th>
              <th>责任单位</th>
              <th>类别</th>
              <th>问题</th>
              <th>整改时限</th>
              <th>超期天数</th>
            </tr>
          </thead>
          <tbody>
            {b.overdueIssues.map((x) => (
              <tr key={x.id}>
                <td>{x.zoneName}</td>
                <td>{x.unitName}</td>
                <td>{x.categoryName}</td>
                <td>
                  {x.place}：{x.description}
                </td>
                <td>{dateTimeLabel(x.deadlineAt)}</td>
                <td>{x.overdueDays}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{b.assessment ? '七' : '六'}、工作要求</h3>
      <p class="para">
        请被点名通报的单位认真查找原因，立即整改，于3日内将整改情况报{b.issuer}；各片长、牵头单位加强督促检查，对超期未整改问题逐一销号。{b.issuer}将继续开展“三天一督查、五天一通报”，对整改不力的单位予以再次通报。
      </p>
      <p class="signature">
        {b.issuer}
        <br />
        {longDateLabel(b.issuedOn)}
      </p>
      <p class="bulletin-checkpoint" data-testid="bulletin-checkpoint">
        台账校验：{checkpointLabel(b.checkpoint)}
      </p>
    </article>
  );
}
