/*
 * 催办 that stays: every nudge to this unit not yet acknowledged, at the top of the panel until someone of the
 * unit presses 知道了 (recorded as nudge.acknowledged through the outbox, so the sender sees when it was read).
 */
import { dateTimeLabel } from '../../../shared/labels';
import type { PanelDb } from '../../lib/db';
import { record, type Recorder } from '../../lib/ledger';
import { requestSync } from '../../lib/messages';
import { useLiveQuery } from '../useLiveQuery';

export function NudgeNotices({ db, who, now }: { db: PanelDb; who: Recorder; now(): number }) {
  const unread = useLiveQuery(
    () => db.nudges.where('unitId').equals(who.unitId).filter((n) => n.readAt === null).sortBy('sentAt'),
    [who.unitId],
  );
  if (!unread?.length) return null;
  const acknowledge = async (nudgeId: string) => {
    await record(db, who, { kind: 'nudge.acknowledged', payload: { nudgeId } }, now());
    void requestSync();
  };
  return (
    <section class="nudges" role="alert" data-testid="nudges">
      <h2>催办（{unread.length} 条未确认）</h2>
      <ul>
        {unread.map((n) => (
          <li key={n.id} data-testid={`nudge-${n.id}`}>
            <p>{n.message}</p>
            <p class="muted">{dateTimeLabel(n.sentAt)}</p>
            <button type="button" data-testid={`nudge-ack-${n.id}`} onClick={() => void acknowledge(n.id)}>
              知道了
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
