/*
 * Recovery: in real Chromium, a unit's side panel stays open while its server is stopped; three ticks or unticks
 * made meanwhile wait in the outbox; the server is started again on the same port, and the figure is the time from
 * the server answering again to the last of them acknowledged (the outbox empty). Nobody presses 立即同步: the panel's
 * short probes must find the server by themselves. The goal (issue 15): within 10 s.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import type { BenchContext } from '../context';
import type { Figure } from '../report';
import { startServer } from '../serverProcess';
import { spread } from '../stats';
import { builtExtension, launch, openPanelAs } from './extension';

const DOWN_FOR_MS = 12_000;
/** Ticks or unticks made while the server is down, each run. */
const TICKS_PER_RUN = 3;

/** How many events wait in the panel's outbox, read straight from IndexedDB. */
function outboxSize(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('pianqutong');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('outbox').objectStore('outbox').count();
          count.onsuccess = () => (open.result.close(), resolve(count.result));
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > until) throw new Error(`等待超时：${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function recoveryFigures(ctx: BenchContext): Promise<Figure[]> {
  const extDir = builtExtension(ctx);
  const profile = join(ctx.dir, 'chromium-recovery');
  mkdirSync(profile, { recursive: true });
  // A second server process on the same county file: the one the other sections use keeps running.
  let server = await startServer(ctx.dir);
  const { context, id } = await launch(extDir, profile);
  try {
    const page = await openPanelAs(context, id, ctx, ctx.county.org.units[1].id, 2, server.url);
    // Any box that can be changed: ticked if open, unticked if done (confirming when it was a colleague's tick).
    // Earlier sections tick the county's items, so a unit may have nothing left open by now.
    const boxes = page.locator('[data-testid^="duty-"] input[type=checkbox]:not(:disabled)');
    await waitFor(async () => (await boxes.count()) > 0, '侧边栏下载本单位责任清单');

    const landed: number[] = [];
    for (let run = 0; run < ctx.scale.runs; run++) {
      const ticks = Math.min(TICKS_PER_RUN, await boxes.count());
      await server.stop();
      for (let i = 0; i < ticks; i++) {
        await boxes.nth(i).click();
        // Either the change is in the outbox, or the panel asks first (a colleague's tick): then confirm.
        const confirm = page.getByTestId('confirm-untick-yes');
        await waitFor(async () => (await outboxSize(page)) > i || (await confirm.isVisible()), '勾选生效或请求确认');
        if (await confirm.isVisible()) await confirm.click();
      }
      await waitFor(async () => (await outboxSize(page)) === ticks, '勾选进入待发队列');
      // Long enough for the back-off to reach its cap, as after a real outage.
      await new Promise((r) => setTimeout(r, DOWN_FOR_MS));
      server = await startServer(ctx.dir, server.port); // returns once /healthz answers
      const back = performance.now();
      await waitFor(async () => (await outboxSize(page)) === 0, '服务器恢复后待发队列清空');
      landed.push(performance.now() - back);
    }
    return [
      {
        section: 'recovery',
        label: '同步恢复：服务器恢复到待发记录全部送达',
        note: `真实 Chromium 侧边栏开着，服务器停 ${DOWN_FOR_MS / 1000} 秒期间勾选或取消 ${TICKS_PER_RUN} 项，不点“立即同步”`,
        unit: 'ms',
        value: spread(landed),
        maxValue: 10_000,
      },
    ];
  } finally {
    await context.close();
    await server.stop();
  }
}
