/**
 * The public page's HTML: both screens are in the document and the script shows one at a time. What the script
 * needs to know (the categories, the zones as landmarks) travels as a JSON data block, which the CSP does not
 * treat as script, so the names come from shared/ and are never written twice.
 */
import type { Zone } from '../../shared/schemas/org';
import { MAX_PUBLIC_PHOTOS, PUBLIC_CATEGORIES, PUBLIC_CATEGORY_NAMES, REPORT_KINDS, REPORT_KIND_NAMES, SATISFACTION_ANSWERS, SATISFACTION_NAMES } from '../../shared/publicReport';

export const PAGE_TITLE = '问题建议与投诉平台';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const options = (pairs: [string, string][]) => pairs.map(([value, label]) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`).join('');

export function pageHtml(zones: readonly Zone[], assets: { js: string; css: string }): string {
  const config = { maxPhotos: MAX_PUBLIC_PHOTOS };
  // '<' escaped so no text can close the data block.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const kinds = REPORT_KINDS.map(
    (k, i) => `<label class="choice"><input type="radio" name="kind" value="${k}"${i === 0 ? ' checked' : ''}> ${REPORT_KIND_NAMES[k]}</label>`,
  ).join('');
  const answers = SATISFACTION_ANSWERS.map((a) => `<label class="choice"><input type="radio" name="answer" value="${a}" data-testid="answer-${a}"> ${SATISFACTION_NAMES[a]}</label>`).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${PAGE_TITLE}</title>
<link rel="icon" href="/report/icon.svg">
<link rel="stylesheet" href="${assets.css}">
<script type="application/json" id="config">${json}</script>
<script src="${assets.js}" defer></script>
</head>
<body>
<header><h1>${PAGE_TITLE}</h1><p>县创卫指挥部受理群众反映的环境卫生问题和建议</p></header>
<nav><a href="#" data-testid="go-report">我要反映</a><a href="#follow" data-testid="go-follow">查询进度</a></nav>
<main>
<p id="error" class="error" role="alert" hidden data-testid="error"></p>

<form id="report" data-testid="report-form" novalidate>
  <fieldset><legend>类型</legend>${kinds}</fieldset>
  <label>问题类别<select name="category" required data-testid="category"><option value="">请选择</option>${options(PUBLIC_CATEGORIES.map((c) => [c, PUBLIC_CATEGORY_NAMES[c]]))}</select></label>
  <label>所在片区（不清楚可不选）<select name="zoneId" data-testid="zone"><option value="">不清楚</option>${options(zones.map((z) => [z.id, z.name]))}</select></label>
  <label>具体地点<input name="place" maxlength="100" required placeholder="如：人民路与解放路交叉口东北角" data-testid="place"></label>
  <label>问题描述<textarea name="description" maxlength="500" rows="4" required placeholder="请写清楚是什么问题，至少5个字" data-testid="description"></textarea></label>
  <label>照片（最多${MAX_PUBLIC_PHOTOS}张，选填）<input type="file" name="photos" accept="image/*" multiple data-testid="photos"></label>
  <div id="previews" class="previews"></div>
  <label>姓名（选填）<input name="name" maxlength="30" autocomplete="name" data-testid="name"></label>
  <label>联系电话（选填，仅指挥部可见，用于回访）<input name="phone" type="tel" maxlength="20" autocomplete="tel" data-testid="phone"></label>
  <label class="trap" aria-hidden="true">网址<input name="website" tabindex="-1" autocomplete="off"></label>
  <button type="submit" data-testid="submit">提交</button>
</form>

<section id="done" hidden data-testid="done">
  <h2>提交成功</h2>
  <p>请记下您的查询码，凭码查询办理进度：</p>
  <p class="code" data-testid="code"></p>
  <p><a id="done-link" data-testid="follow-link">查看办理进度</a></p>
  <p class="muted">我们不会公开您的姓名和电话。</p>
</section>

<section id="follow" hidden data-testid="follow">
  <form id="lookup" novalidate>
    <label>查询码<input name="code" maxlength="40" autocomplete="off" placeholder="如 ABCD-EFGH-JKMN" data-testid="lookup-code"></label>
    <button type="submit" data-testid="lookup">查询</button>
  </form>
  <div id="status" hidden data-testid="status">
    <p class="stage" data-testid="stage"></p>
    <dl id="facts"></dl>
    <ol id="steps" class="steps" data-testid="steps"></ol>
    <p id="reason" class="reason" hidden data-testid="reject-reason"></p>
    <div id="photos" class="photos" hidden data-testid="status-photos">
      <figure><figcaption>整改前</figcaption><div data-testid="before"></div></figure>
      <figure><figcaption>整改后</figcaption><div data-testid="after"></div></figure>
    </div>
    <form id="satisfaction" hidden data-testid="satisfaction" novalidate>
      <fieldset><legend>问题已核查整改到位，您是否满意？</legend>${answers}</fieldset>
      <label>意见（选不满意时请写明原因）<textarea name="comment" maxlength="300" rows="3" data-testid="answer-comment"></textarea></label>
      <button type="submit" data-testid="answer-submit">提交评价</button>
    </form>
    <p id="answered" hidden data-testid="answered"></p>
  </div>
</section>
</main>
</body>
</html>`;
}
