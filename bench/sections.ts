/*
 * The bench's sections in the order they run. A section whose code has not landed yet (the dashboard
 * aggregation, the export, the side panel) says what is missing and is skipped, so the bench runs at every stage.
 */
import type { BenchContext } from './context';
import type { Figure } from './report';
import { pushFigures } from './figures/push';
import { pullFigures } from './figures/pull';
import { loadFigures } from './figures/load';
import { aggregationFigures } from './figures/aggregation';
import { exportFigures } from './figures/export';
import { assessmentFigures } from './figures/assessment';
import { extensionFigures, extensionMissing } from './figures/extension';
import { publicPageFigures } from './figures/publicPage';
import { recoveryFigures } from './figures/recovery';

export interface Section {
  name: string;
  title: string;
  /** Why it cannot run yet, or undefined when it can. */
  missing?: () => Promise<string | undefined> | string | undefined;
  run(ctx: BenchContext): Promise<Figure[]>;
}

export const sections: Section[] = [
  { name: 'push', title: '推送', run: pushFigures },
  { name: 'pull', title: '拉取', run: pullFigures },
  { name: 'aggregation', title: '汇总', run: aggregationFigures },
  { name: 'export', title: '导出', run: exportFigures },
  { name: 'assessment', title: '考核', run: assessmentFigures },
  { name: 'load', title: '负载', run: loadFigures },
  { name: 'extension', title: '扩展', missing: extensionMissing, run: extensionFigures },
  { name: 'publicPage', title: '群众页', run: publicPageFigures },
  { name: 'recovery', title: '同步恢复', missing: extensionMissing, run: recoveryFigures },
];
