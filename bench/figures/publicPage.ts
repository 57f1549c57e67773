/*
 * The public page (GET /report): its JavaScript and CSS gzipped, exactly as the server builds and serves them,
 * against the budget of 30 KB for a phone's first load. The "cost" column is the share of the budget used.
 */
import { gzipSync } from 'node:zlib';
import { pageAssets } from '../../server/publicPage/bundle';
import type { Figure } from '../report';
import { spread } from '../stats';

export const PUBLIC_PAGE_BUDGET_KB = 30;

export async function publicPageFigures(): Promise<Figure[]> {
  const { js, css } = pageAssets();
  const gz = gzipSync(js.body, { level: 9 }).length + gzipSync(css.body, { level: 9 }).length;
  const raw = js.body.length + css.body.length;
  return [
    {
      section: 'publicPage',
      label: '群众页 JS+CSS，gzip 后',
      note: `2 个文件，未压缩 ${(raw / 1024).toFixed(1)} KB`,
      unit: 'KB',
      value: spread([gz / 1024]),
      baseline: { label: `体积预算 ${PUBLIC_PAGE_BUDGET_KB} KB（倍数即占预算的比例）`, value: spread([PUBLIC_PAGE_BUDGET_KB]) },
      maxCost: 1,
    },
  ];
}
