/** 回头看: issues to go back to, soonest first; a reported fix can be verified at once. */
import { CATEGORY_NAMES } from '../../../shared/categories';
import { ISSUE_STATE_NAMES } from '../../../shared/issueFlow';
import { dateTimeLabel } from '../../../shared/labels';
import type { RecheckTask } from './types';

export function Rechecks({ tasks, onOpen }: { tasks: RecheckTask[]; onOpen(issueId: string): void }) {
  if (tasks.length === 0) return <p class="muted" data-testid="rechecks-empty">暂无需要回头看的问题</p>;
  return (
    <table data-testid="rechecks">
      <thead>
        <tr><th>责任单位</th><th>片区</th><th>类别</th><th>地点</th><th>状态</th><th>回头看时间</th><th /></tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <tr key={t.id} data-testid={`recheck-${t.id}`}>
            <td>{t.unitName}</td>
            <td>{t.zoneName}</td>
            <td>{CATEGORY_NAMES[t.category]}</td>
            <td>{t.gridCellName ?? t.place}</td>
            <td>{ISSUE_STATE_NAMES[t.state]}</td>
            <td class={t.overdue ? 'overdue' : ''}>{dateTimeLabel(t.dueAt)}{t.overdue && ' 已到期'}</td>
            <td><button type="button" onClick={() => onOpen(t.id)}>{t.canVerify ? '核查' : '查看'}</button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
