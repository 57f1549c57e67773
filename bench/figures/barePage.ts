/*
 * The bare page the side panel is compared with: plain JavaScript, no framework, that opens the same IndexedDB
 * the panel uses, reads the same duty and check rows, and writes one list item per duty to the DOM. Written into
 * a temporary copy of the built extension, so it runs from the same origin with the same data.
 */
export const BARE_HTML = `<!doctype html>
<html lang="zh-CN">
  <head><meta charset="utf-8" /><title>对照页</title></head>
  <body><ul id="list"></ul><script src="/bench-bare.js"></script></body>
</html>
`;

export const BARE_JS = `
const open = indexedDB.open('pianqutong');
open.onsuccess = () => {
  const db = open.result;
  const tx = db.transaction(['duties', 'dutyChecks'], 'readonly');
  const duties = tx.objectStore('duties').index('position').getAll();
  const checks = tx.objectStore('dutyChecks').getAll();
  tx.oncomplete = () => {
    const today = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
    const done = new Set(checks.result.filter((c) => c.checked && c.periodKey === today).map((c) => c.dutyId));
    const list = document.getElementById('list');
    const frag = document.createDocumentFragment();
    for (const d of duties.result) {
      const li = document.createElement('li');
      li.dataset.testid = 'duty-' + d.id;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = done.has(d.id);
      li.append(box, ' ' + d.title + ' ' + d.dueTime);
      frag.append(li);
    }
    list.append(frag);
  };
};
`;

/**
 * Runs in every page before its own scripts: notes when the first duty item enters the DOM and when the frame
 * after that is drawn, in ms since the page's navigation began.
 */
export const FIRST_ITEM_PROBE = `
(() => {
  const seen = () => document.querySelector('[data-testid^="duty-"]');
  const obs = new MutationObserver(() => {
    if (!seen()) return;
    const dom = performance.now();
    obs.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__firstItem = { dom, painted: performance.now() }; }));
  });
  obs.observe(document, { childList: true, subtree: true });
})();
`;
