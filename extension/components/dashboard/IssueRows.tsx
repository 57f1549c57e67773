/** Issues as a table: when, where, what, state and deadline; a click opens the issue's history. */
import type { IssueListed } from './types';
import { CATEGORY_NAMES } from '../../../shared/categories';
import { ISSUE_STATE_NAMES } from '../../../shared/issueFlow';
import { dateTimeLabel } from '../../../shared/labels';

export function IssueRows({ issues, onOpen }: { issues: IssueListed[]; onOpen(issue: IssueListed): void }) {
  if (issues.length === 0) return <p class="muted">没有符合条件的问题。</p>;
  return (
    <table data-testid="issue-list">
      <thead>
        <tr>
          <th>上报时间</th>
          <th>单位</th>
          <th>类别</th>
          <th>地点与描述</th>
          <th>状态</th>
          <th>整改时限</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((i) => (
          <tr key={i.id} data-testid={`issue-${i.id}`} class={i.overdue ? 'overdue-row' : ''}>
            <td>{dateTimeLabel(i.reportedAt)}</td>
            <td>{i.unitName}</td>
            <td>{CATEGORY_NAMES[i.category]}</td>
            <td>
              <button type="button" class="link" onClick={() => onOpen(i)}>
                {i.place}：{i.description}
              </button>
            </td>
            <td>
              {ISSUE_STATE_NAMES[i.state]}
              {i.reopenCount ? `（返工${i.reopenCount}次）` : ''}
            </td>
            <td class={i.overdue ? 'poor' : ''}>
              {dateTimeLabel(i.deadlineAt)}
              {i.overdue ? ' 已超期' : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
