/*
 * The 通报 page. The command center sees the next issue as it would be issued (assessment.draftBulletin) and issues
 * it (签发), which freezes it with the next 期数; heads and zone chiefs see the current period for their scope
 * (export.bulletin). Everyone who may read bulletins sees the archive and reprints any issue exactly as issued.
 * The sheet itself is BulletinSheet; the controls above it do not print.
 */
import { useState } from 'preact/hooks';
import type { Api } from '../../lib/api';
import { errorMessage } from '../../lib/api';
import type { Enrolment } from '../../lib/enrolment';
import { useCall } from '../useCall';
import { BulletinSheet } from './BulletinSheet';
import type { SheetData } from './types';
import { isoMinuteLabel, monthDay } from '../../../shared/labels';
import { may } from '../../../shared/permissions';
import { DateField } from '../DateField';

export function BulletinPage({ api, enrolment, defaultEnd }: { api: Api; enrolment: Enrolment; defaultEnd: string }) {
  const [end, setEnd] = useState(defaultEnd);
  const [reprint, setReprint] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const command = may(enrolment.roles, 'assessment.manage');
  const live = useCall<SheetData>(() => (command ? api.assessment.draftBulletin.query({ end }) : api.export.bulletin.query({ scope: 'mine', end })), [api, end, command]);
  const archive = useCall(() => api.assessment.archive.query(), [api]);
  const issued = useCall(async () => (reprint === null ? null : (JSON.parse((await api.assessment.reprint.query({ issueNumber: reprint })).content) as SheetData)), [api, reprint]);
  const issue = () => {
    setMessage('正在签发…');
    api.assessment.issueBulletin.mutate({ end }).then(
      (b) => {
        setMessage(`第${b.number}期已签发并存档`);
        archive.reload();
        live.reload();
        setReprint(b.number);
      },
      (e: unknown) => setMessage(errorMessage(e)),
    );
  };
  const shown = reprint === null ? live : issued;
  return (
    <section>
      <div class="no-print controls">
        {reprint === null ? (
          <label class="inline">
            截止日期 <DateField value={end} testId="bulletin-end" onChange={setEnd} />
          </label>
        ) : (
          <button type="button" class="link" data-testid="bulletin-back" onClick={() => setReprint(null)}>
            ‹ 返回本期
          </button>
        )}
        {command && reprint === null && live.data ? (
          <button type="button" data-testid="bulletin-issue" onClick={issue}>
            签发第{live.data.number}期
          </button>
        ) : null}
        <button type="button" data-testid="bulletin-print" onClick={() => window.print()}>
          打印 / 保存为 PDF
        </button>
        {message ? <span class="muted" data-testid="bulletin-message">{message}</span> : null}
      </div>
      {archive.data?.length ? (
        <details class="no-print archive" data-testid="bulletin-archive" open={reprint !== null}>
          <summary>已签发通报（{archive.data.length}期）</summary>
          <ul>
            {archive.data.map((b) => (
              <li key={b.issueNumber}>
                <button type="button" class="link" data-testid={`archive-${b.issueNumber}`} onClick={() => setReprint(b.issueNumber)}>
                  第{b.issueNumber}期（{monthDay(b.periodFrom)}至{monthDay(b.periodTo)}）
                </button>
                <span class="muted">{isoMinuteLabel(b.issuedAt)}签发</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {shown.error ? <p class="error">{shown.error}</p> : null}
      {shown.data ? <BulletinSheet b={shown.data} /> : shown.error ? null : <p class="muted">正在生成通报…</p>}
    </section>
  );
}
