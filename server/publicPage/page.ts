/*
 * The public page's script: report a problem (photos shrunk before upload), show the tracking code, follow a
 * report by its code and answer whether the reporter is satisfied. Plain DOM, no framework, so the page stays a
 * few KB for a phone on a weak connection. It talks to the server's tRPC procedures with plain fetch (no
 * transformer: input is the JSON body of a POST, or ?input= of a GET) and photos go to POST /report/photos.
 */
import { downscaleToJpeg } from '../../extension/lib/photoResize';

interface FollowStep {
  label: string;
  atLabel: string;
}
interface FollowView {
  kind: string;
  category: string;
  zoneName: string | null;
  place: string;
  description: string;
  stageName: string;
  steps: FollowStep[];
  rejectReason: string | null;
  photos: { before: string[]; after: string[] } | null;
  canAnswer: boolean;
  answer: { answerName: string; comment: string; review: { outcome: string; note: string } | null } | null;
}

const config = JSON.parse(document.getElementById('config')!.textContent!) as { maxPhotos: number };
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const errorBox = $('error');

class PageError extends Error {}

function showError(message: string | null) {
  errorBox.textContent = message ?? '';
  errorBox.hidden = !message;
  if (message) errorBox.scrollIntoView({ block: 'nearest' });
}

async function answerOf<T>(res: Response): Promise<T> {
  let body: { result?: { data: T }; error?: { message?: string } };
  try {
    body = await res.json();
  } catch {
    throw new PageError(res.status === 429 ? '操作过于频繁，请稍后再试' : '服务器暂时无法访问，请稍后再试');
  }
  if (!res.ok || !body.result) throw new PageError(body.error?.message ?? '提交未成功，请稍后再试');
  return body.result.data;
}

async function call<T>(procedure: string, input: unknown, method: 'GET' | 'POST'): Promise<T> {
  const url = `/trpc/publicReport.${procedure}`;
  const res =
    method === 'GET'
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`)
      : await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return answerOf<T>(res);
}

async function uploadPhoto(file: File): Promise<string> {
  const jpeg = await downscaleToJpeg(file);
  const res = await fetch('/report/photos', { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: jpeg });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new PageError(body?.error?.message ?? '照片上传未成功，请重新选择');
  }
  return ((await res.json()) as { id: string }).id;
}

/** Shows one screen: the report form, the code just given, or the follow screen. */
function show(screen: 'report' | 'done' | 'follow') {
  for (const id of ['report', 'done', 'follow']) $(id).hidden = id !== screen;
  showError(null);
}

// ---- report ----
const form = $<HTMLFormElement>('report');
const photoInput = form.elements.namedItem('photos') as HTMLInputElement;
let chosen: File[] = [];

photoInput.addEventListener('change', () => {
  const files = Array.from(photoInput.files ?? []);
  showError(files.length > config.maxPhotos ? `最多选择${config.maxPhotos}张照片，已保留前${config.maxPhotos}张` : null);
  chosen = files.slice(0, config.maxPhotos);
  const previews = $('previews');
  previews.replaceChildren(
    ...chosen.map((f) => {
      const img = document.createElement('img');
      img.src = URL.createObjectURL(f);
      img.alt = '待上传的照片';
      return img;
    }),
  );
});

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
  const kind = (form.querySelector('input[name=kind]:checked') as HTMLInputElement | null)?.value;
  const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
  button.disabled = true;
  button.textContent = '正在提交…';
  try {
    if (!value('category')) throw new PageError('请选择问题类别');
    if (!value('place')) throw new PageError('请填写具体地点');
    if (value('description').length < 5) throw new PageError('问题描述至少5个字，请写清楚是什么问题');
    const photoIds: string[] = [];
    for (const file of chosen) photoIds.push(await uploadPhoto(file));
    const { code } = await call<{ code: string }>(
      'submit',
      {
        kind,
        category: value('category'),
        zoneId: value('zoneId') || null,
        place: value('place'),
        description: value('description'),
        photoIds,
        name: value('name'),
        phone: value('phone'),
        website: value('website'),
      },
      'POST',
    );
    form.reset();
    chosen = [];
    $('previews').replaceChildren();
    $('done').querySelector('.code')!.textContent = code;
    ($('done-link') as HTMLAnchorElement).href = `#${code}`;
    show('done');
  } catch (err) {
    showError(err instanceof PageError ? err.message : '提交未成功，请检查网络后再试');
  } finally {
    button.disabled = false;
    button.textContent = '提交';
  }
});

// ---- follow ----
let currentCode = '';

function fill(list: HTMLElement, items: [string, string][]) {
  list.replaceChildren(
    ...items.flatMap(([term, text]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = text;
      return [dt, dd];
    }),
  );
}

function photoList(box: Element, ids: string[]) {
  box.replaceChildren(
    ...ids.map((id) => {
      const img = document.createElement('img');
      img.src = `/report/photos/${id}`;
      img.alt = '现场照片';
      return img;
    }),
  );
}

function render(view: FollowView) {
  $('status').hidden = false;
  $('status').querySelector('.stage')!.textContent = `办理进度：${view.stageName}`;
  fill($('facts'), [
    ['类型', view.kind],
    ['类别', view.category],
    ['地点', view.zoneName ? `${view.zoneName} · ${view.place}` : view.place],
    ['描述', view.description],
  ]);
  $('steps').replaceChildren(
    ...view.steps.map((s) => {
      const li = document.createElement('li');
      li.textContent = `${s.label}　${s.atLabel}`;
      return li;
    }),
  );
  const reason = $('reason');
  reason.hidden = !view.rejectReason;
  reason.textContent = view.rejectReason ? `不予受理的理由：${view.rejectReason}` : '';
  const photos = $('photos');
  photos.hidden = !view.photos;
  if (view.photos) {
    photoList(photos.querySelector('[data-testid=before]')!, view.photos.before);
    photoList(photos.querySelector('[data-testid=after]')!, view.photos.after);
  }
  $('satisfaction').hidden = !view.canAnswer;
  const answered = $('answered');
  answered.hidden = !view.answer;
  if (view.answer) {
    const review = view.answer.review ? `　指挥部复核：${view.answer.review.outcome}。${view.answer.review.note}` : view.answer.answerName === '不满意' ? '　您的意见已转指挥部复核。' : '';
    answered.textContent = `您的评价：${view.answer.answerName}${view.answer.comment ? `（${view.answer.comment}）` : ''}。${review}`;
  }
}

async function lookUp(code: string) {
  show('follow');
  $('status').hidden = true;
  (($('lookup') as HTMLFormElement).elements.namedItem('code') as HTMLInputElement).value = code;
  try {
    render(await call<FollowView>('follow', { code }, 'GET'));
    currentCode = code;
  } catch (err) {
    showError(err instanceof PageError ? err.message : '查询未成功，请检查网络后再试');
  }
}

$('lookup').addEventListener('submit', (e) => {
  e.preventDefault();
  const code = ((($('lookup') as HTMLFormElement).elements.namedItem('code') as HTMLInputElement).value ?? '').trim();
  if (!code) return showError('请输入查询码');
  // Through the address, so the page can be bookmarked or shared as it is.
  if (location.hash === `#${code}`) void lookUp(code);
  else location.hash = code;
});

$('satisfaction').addEventListener('submit', async (e) => {
  e.preventDefault();
  const sat = $('satisfaction') as HTMLFormElement;
  const answer = (sat.querySelector('input[name=answer]:checked') as HTMLInputElement | null)?.value;
  const comment = (sat.elements.namedItem('comment') as HTMLTextAreaElement).value.trim();
  if (!answer) return showError('请选择满意、基本满意或不满意');
  if (answer === 'dissatisfied' && !comment) return showError('选择不满意时请写明原因');
  try {
    showError(null);
    render(await call<FollowView>('answer', { code: currentCode, answer, comment }, 'POST'));
  } catch (err) {
    showError(err instanceof PageError ? err.message : '提交未成功，请检查网络后再试');
  }
});

/** #follow opens the empty follow screen, #<code> looks a code up, anything else is the report form. */
function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash === 'follow') {
    show('follow');
    $('status').hidden = true;
  } else if (hash) void lookUp(hash);
  else show('report');
}
window.addEventListener('hashchange', route);
route();
