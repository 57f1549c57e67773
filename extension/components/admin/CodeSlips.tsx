/** A sheet of enrolment slips to print and cut: one per person, with the code, its expiry and how to start. */
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@server/routers/_app';
import { isoMinuteLabel } from '../../../shared/labels';

export type Slip = inferRouterOutputs<AppRouter>['admin']['issueCodes'][number];

export function CodeSlips({ slips, serverUrl }: { slips: Slip[]; serverUrl: string }) {
  return (
    <section data-testid="code-slips">
      <p class="controls no-print">
        已生成 {slips.length} 个登记码。
        <button type="button" data-testid="print-slips" onClick={() => window.print()}>
          打印登记单
        </button>
        <span class="muted">（每人一张，裁开后分发；登记码只显示这一次）</span>
      </p>
      <div class="slips">
        {slips.map((s) => (
          <article class="slip" key={s.personId} data-testid="slip">
            <h4>片区通 · 设备登记单</h4>
            <p>
              <b>{s.name}</b>　{s.unitName ?? s.roleName}
              {s.unitName ? `（${s.roleName}）` : ''}
            </p>
            <p class="slip-code" data-testid="slip-code">
              {s.code}
            </p>
            <p>有效期至 {isoMinuteLabel(s.expiresAt)}（北京时间），只能使用一次</p>
            <ol>
              <li>在 Chrome 或 Edge 中安装“片区通”扩展（向指挥部领取安装包）。</li>
              <li>点击浏览器工具栏上的“片区通”图标，按提示打开“设置”页。</li>
              <li>
                服务器地址填 <b>{serverUrl}</b>，登记码填上面的8位码，点“登记”。
              </li>
            </ol>
          </article>
        ))}
      </div>
    </section>
  );
}
