/** 催办记录: the nudges this person sent, newest first, and whether each unit has read it (and when). */
import { dateTimeLabel } from '../../../shared/labels';
import type { PanelDb } from '../../lib/db';
import { useLiveQuery } from '../useLiveQuery';

const SHOWN = 20;

export function NudgeLog({ db, personId, unitName }: { db: PanelDb; personId: string; unitName(unitId: string): string }) {
  const sent = useLiveQuery(async () => (await db.nudges.where('sentBy').equals(personId).reverse().sortBy('sentAt')).slice(0, SHOWN), [personId]);
  if (!sent?.length) return null;
  return (
    <section data-testid="nudge-log">
      <h2>催办记录</h2>
      <table>
        <thead>
          <tr><th>单位</th><th>催办内容</th><th>发出时间</th><th>阅读情况</th></tr>
        </thead>
        <tbody>
          {sent.map((n) => (
            <tr key={n.id} data-testid={`nudge-log-${n.unitId}`}>
              <td>{unitName(n.unitId)}</td>
              <td>{n.message}</td>
              <td>{dateTimeLabel(n.sentAt)}</td>
              <td data-testid={`nudge-read-${n.id}`}>{n.readAt === null ? '未读' : `已读（${dateTimeLabel(n.readAt)}）`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
