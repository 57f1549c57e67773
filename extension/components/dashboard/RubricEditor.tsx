/*
 * The command center's editor for the 考核办法: every figure of the rubric in force today, changed and saved as a
 * new version effective from a date (today at the earliest). Earlier versions are listed below; none is edited.
 */
import { useState } from 'preact/hooks';
import type { Api } from '../../lib/api';
import { errorMessage } from '../../lib/api';
import { useCall } from '../useCall';
import { CATEGORIES, CATEGORY_NAMES } from '../../../shared/categories';
import { LADDER_STEPS, LADDER_STEP_NAMES, PERIOD_KINDS, RUBRIC_PERIOD_NAMES, type Rubric } from '../../../shared/assessment/rubric';
import { isoMinuteLabel } from '../../../shared/labels';
import { DateField } from '../DateField';

type Path = (string | number)[];
const get = (r: Rubric, path: Path): unknown => path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], r);
function set(r: Rubric, path: Path, value: unknown): Rubric {
  const copy = structuredClone(r) as unknown as Record<string, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[path[path.length - 1]] = value;
  return copy as unknown as Rubric;
}

const ITEMS: { label: string; path: Path }[] = [
  { label: '每日保洁漏项（每项）', path: ['missedDaily'] },
  { label: '每周扫除漏项（每项）', path: ['missedWeekly'] },
  { label: '整改超期（每天）', path: ['overduePerDay'] },
  { label: '回头看返工（每次）', path: ['reopen'] },
  { label: '自查自改加分（每个）', path: ['selfFixedCredit'] },
  ...CATEGORIES.map((c) => ({ label: `被发现${CATEGORY_NAMES[c]}问题（每个）`, path: ['problemFound', c] })),
];

function NumberField({ rubric, path, label, nullable, onChange }: { rubric: Rubric; path: Path; label: string; nullable?: boolean; onChange(r: Rubric): void }) {
  const value = get(rubric, path) as number | null;
  return (
    <label class="field">
      {label}
      <input
        type="number"
        step="0.1"
        min={0}
        value={value ?? ''}
        placeholder={nullable ? '不设上限' : undefined}
        data-testid={`rubric-${path.join('-')}`}
        onInput={(e) => {
          const text = (e.target as HTMLInputElement).value;
          onChange(set(rubric, path, text === '' && nullable ? null : Number(text)));
        }}
      />
    </label>
  );
}

export function RubricEditor({ api, onSaved }: { api: Api; onSaved(): void }) {
  const state = useCall(() => api.assessment.rubric.query(), [api]);
  const [draft, setDraft] = useState<Rubric | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!state.data) return state.error ? <p class="error">{state.error}</p> : null;
  const rubric = draft ?? state.data.current;
  const effectiveFrom = from ?? state.data.today;
  const save = () => {
    setMessage('正在保存…');
    api.assessment.setRubric.mutate({ effectiveFrom, rubric }).then(
      () => {
        setMessage(`已保存，自${effectiveFrom}起施行`);
        setDraft(null);
        state.reload();
        onSaved();
      },
      (e: unknown) => setMessage(errorMessage(e)),
    );
  };
  const field = (label: string, path: Path, nullable = false) => <NumberField key={path.join('.')} rubric={rubric} path={path} label={label} nullable={nullable} onChange={setDraft} />;
  return (
    <section class="rubric no-print" data-testid="rubric-editor">
      <h2>考核办法</h2>
      <h3>基础分与上限</h3>
      <div class="fields">
        {PERIOD_KINDS.flatMap((k) => [
          field(`${RUBRIC_PERIOD_NAMES[k]}基础分`, ['periods', k, 'base']),
          field(`${RUBRIC_PERIOD_NAMES[k]}扣分上限`, ['periods', k, 'deductionCap'], true),
          field(`${RUBRIC_PERIOD_NAMES[k]}加分上限`, ['periods', k, 'creditCap'], true),
        ])}
      </div>
      <h3>扣分标准</h3>
      <div class="fields">{ITEMS.map((i) => field(i.label, i.path))}</div>
      <h3>红黑榜与问责</h3>
      <div class="fields">
        <label class="field">
          红黑榜方式
          <select value={rubric.lists.mode} data-testid="rubric-lists-mode" onChange={(e) => setDraft(set(rubric, ['lists', 'mode'], (e.target as HTMLSelectElement).value))}>
            <option value="rank">按名次</option>
            <option value="threshold">按分数线</option>
          </select>
        </label>
        {rubric.lists.mode === 'rank'
          ? [field('红榜名额', ['lists', 'redCount']), field('黑榜名额', ['lists', 'blackCount'])]
          : [field('红榜分数线（不低于）', ['lists', 'redAt']), field('黑榜分数线（低于）', ['lists', 'blackBelow'])]}
        {LADDER_STEPS.map((s) => field(`连续上黑榜几次${LADDER_STEP_NAMES[s]}`, ['ladder', s]))}
      </div>
      <p class="controls">
        <label class="inline">
          生效日期
          <DateField value={effectiveFrom} min={state.data.today} testId="rubric-from" onChange={setFrom} />
        </label>
        <button type="button" data-testid="rubric-save" onClick={save}>
          保存新版考核办法
        </button>
        {message ? <span class="muted" data-testid="rubric-message">{message}</span> : null}
      </p>
      <h3>历次修订</h3>
      <ol class="versions">
        {state.data.versions.map((v) => (
          <li key={v.seq}>
            自{v.effectiveFrom}起施行（{isoMinuteLabel(v.changedAt)}修订，台账第{v.seq}号）
          </li>
        ))}
      </ol>
    </section>
  );
}
