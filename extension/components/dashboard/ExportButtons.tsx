/** Exports of a date range: the XLSX workbook, the 按单位 CSV and the 考核得分 CSV, downloaded as files. */
import { useState } from 'preact/hooks';
import type { Api } from '../../lib/api';
import { errorMessage } from '../../lib/api';
import type { DateRange } from '../../../shared/reportRanges';
import { saveFile } from './download';
import { DateField } from '../DateField';

export function ExportButtons({ api, initial }: { api: Api; initial: DateRange }) {
  const [range, setRange] = useState(initial);
  const [state, setState] = useState<string | null>(null);
  const run = (kind: 'xlsx' | 'csv' | 'scoresCsv') => {
    setState('正在生成…');
    const input = { scope: 'mine' as const, ...range };
    api.export[kind].query(input).then(
      (file) => {
        saveFile(file);
        setState(`已下载 ${file.filename}`);
      },
      (e: unknown) => setState(errorMessage(e)),
    );
  };
  const date = (key: keyof DateRange) => (value: string) => setRange((r) => ({ ...r, [key]: value }));
  return (
    <section class="exports" data-testid="exports">
      <label class="inline">
        从 <DateField value={range.from} testId="export-from" onChange={date('from')} />
      </label>
      <label class="inline">
        到 <DateField value={range.to} testId="export-to" onChange={date('to')} />
      </label>
      <button type="button" data-testid="export-xlsx" onClick={() => run('xlsx')}>
        导出 Excel
      </button>
      <button type="button" data-testid="export-csv" onClick={() => run('csv')}>
        导出 CSV（按单位）
      </button>
      <button type="button" data-testid="export-scores-csv" onClick={() => run('scoresCsv')}>
        导出 CSV（考核得分）
      </button>
      {state ? <span class="muted" data-testid="export-state">{state}</span> : null}
    </section>
  );
}
