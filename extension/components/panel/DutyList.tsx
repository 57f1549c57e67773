/**
 * One section of the list (今日保洁 or 本周扫除): items grouped by category, each ticked with one click or key.
 * Unticking an item someone else completed asks first: it withdraws their completion (the record keeps both).
 */
import { useState } from 'preact/hooks';
import { timeOfDay, dateKeyOf, weekdayOf } from '../../../shared/calendar';
import { CATEGORY_NAMES } from '../../../shared/categories';
import { weekdayName } from '../../../shared/labels';
import { DUTY_STATUS_NAMES } from '../../../shared/metrics';
import { byCategory, type DutyItem } from '../../lib/today';

export interface DutyListProps {
  title: string;
  items: DutyItem[];
  nameOf(personId: string): string;
  /** The person using the panel: unticking anyone else's completion asks for confirmation. */
  personId: string;
  /** Absent while the page is still loading what ticking needs: the boxes show, but cannot be ticked yet. */
  onToggle?(item: DutyItem, checked: boolean): void;
  emptyText: string;
}

export function DutyList({ title, items, nameOf, personId, onToggle, emptyText }: DutyListProps) {
  const groups = byCategory(items);
  return (
    <section class="duties" aria-label={title}>
      <h2>{title}</h2>
      {groups.length === 0 ? <p class="muted">{emptyText}</p> : null}
      {groups.map((g) => (
        <div class="category" key={g.category}>
          <h3>{CATEGORY_NAMES[g.category]}</h3>
          <ul>
            {g.items.map((item) => (
              <DutyRow key={item.duty.id} item={item} nameOf={nameOf} personId={personId} onToggle={onToggle} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function dueLabel(item: DutyItem): string {
  if (item.dueAt === null) return '本期无需';
  const time = timeOfDay(item.dueAt);
  return item.duty.cadence === 'daily' ? `${time} 前` : `${weekdayName(weekdayOf(dateKeyOf(item.dueAt)))} ${time} 前`;
}

/** A daily item was done today: its time says enough. A weekly one could have been done any day of the week. */
function checkedWhen(item: DutyItem, at: number): string {
  return item.duty.cadence === 'weekly' ? `${weekdayName(weekdayOf(dateKeyOf(at)))} ${timeOfDay(at)}` : timeOfDay(at);
}

type RowProps = Pick<DutyListProps, 'nameOf' | 'personId' | 'onToggle'> & { item: DutyItem };

function DutyRow({ item, nameOf, personId, onToggle }: RowProps) {
  const checked = item.check !== null;
  const id = `check-${item.duty.id}`;
  const [confirming, setConfirming] = useState(false);
  const someoneElses = checked && item.check!.checkedBy !== personId;
  const set = (next: boolean) => {
    if (!next && someoneElses) setConfirming(true);
    else onToggle?.(item, next);
  };
  const toggle = () => set(!checked);
  return (
    <li data-testid={`duty-${item.duty.id}`} class={`duty ${item.status}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={item.dueAt === null || !onToggle}
        onChange={(e) => {
          // The box stays as the record says until the person confirms.
          e.currentTarget.checked = checked;
          set(!checked);
        }}
        // Space toggles a checkbox natively (through click); Enter does not, so add it.
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            toggle();
          }
        }}
      />
      <label for={id} class="title">{item.duty.title}</label>
      <span class="due">{dueLabel(item)}</span>
      {item.status === 'overdue' || item.status === 'late' ? (
        <strong class="overdue-tag" data-testid="status-tag">
          {DUTY_STATUS_NAMES[item.status]}
        </strong>
      ) : null}
      {item.check?.checkedAt != null ? (
        <span class="who" data-testid="checked-by">
          {nameOf(item.check.checkedBy ?? '')} {checkedWhen(item, item.check.checkedAt)}
        </span>
      ) : null}
      {confirming ? (
        <span class="confirm" role="alertdialog" data-testid="confirm-untick">
          这一项是{nameOf(item.check?.checkedBy ?? '')}完成的。取消勾选会撤回这次完成（记录仍会保留），确定取消吗？
          <button
            type="button"
            data-testid="confirm-untick-yes"
            onClick={() => {
              setConfirming(false);
              onToggle?.(item, false);
            }}
          >
            确定取消
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            保留
          </button>
        </span>
      ) : null}
    </li>
  );
}
