/** The options page: enrol this browser with a code, see who it belongs to, sign out; reminder times. */
import { useEffect, useState } from 'preact/hooks';
import type { PanelDb } from '../../lib/db';
import { enrolDevice, signOut } from '../../lib/enrol';
import { DEFAULT_SERVER_URL, enrolmentRoleLabel, type Enrolment } from '../../lib/enrolment';
import { requestSync } from '../../lib/messages';
import { useEnrolment } from '../../components/useEnrolment';
import { ReminderSettingsForm } from './ReminderSettingsForm';

export function App({ db }: { db: PanelDb }) {
  const enrolment = useEnrolment();
  return (
    <main class="options">
      <h1>片区通 · 设置</h1>
      {enrolment === undefined ? <p class="muted">正在加载…</p> : <EnrolSection db={db} enrolment={enrolment} />}
      <ReminderSettingsForm />
    </main>
  );
}

function whoLabel(e: Enrolment): string {
  const place = e.unit ? `· ${e.unit.name} · ${e.unit.zoneName}` : '';
  return `已登记：${e.name}（${enrolmentRoleLabel(e)}）${place}`;
}

function EnrolSection({ db, enrolment }: { db: PanelDb; enrolment: Enrolment | null }) {
  const [serverUrl, setServerUrl] = useState(enrolment?.serverUrl ?? DEFAULT_SERVER_URL);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reenrol, setReenrol] = useState(false);
  const enrolledUrl = enrolment?.serverUrl;
  useEffect(() => {
    if (enrolledUrl) setServerUrl(enrolledUrl);
  }, [enrolledUrl]);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await enrolDevice(db, serverUrl, code, '浏览器扩展');
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setCode('');
    setReenrol(false);
    void requestSync();
  }

  async function leave() {
    const pending = await db.outbox.count();
    if (pending > 0 && !confirm(`还有 ${pending} 条记录没有上传，退出登记会丢失这些记录。确定退出吗？`)) return;
    setBusy(true);
    setError(null);
    const result = await signOut(db);
    setBusy(false);
    if (!result.ok) setError(`退出登记未完成：${result.message}`);
  }

  return (
    <section>
      <h2>设备登记</h2>
      {enrolment ? (
        <div class="enrolled">
          <p data-testid="enrolled-as">{whoLabel(enrolment)}</p>
          <p class="muted">服务器：{enrolment.serverUrl}</p>
          <p>
            <a href="/dashboard.html" target="_blank" data-testid="open-dashboard">
              打开工作看板
            </a>
          </p>
          <button type="button" onClick={leave} disabled={busy} data-testid="sign-out">
            退出登记
          </button>{' '}
          {!reenrol ? (
            <button type="button" class="link" onClick={() => setReenrol(true)}>
              重新登记
            </button>
          ) : null}
        </div>
      ) : (
        <p>向单位管理员或指挥部领取登记码，填入下方完成登记。每个登记码只能使用一次。</p>
      )}
      {!enrolment || reenrol ? (
        <form onSubmit={submit} noValidate>
          <label>
            服务器地址
            <input data-testid="server-url" value={serverUrl} inputMode="url" onInput={(e) => setServerUrl(e.currentTarget.value)} />
          </label>
          <label>
            登记码
            <input data-testid="enrol-code" value={code} autoComplete="off" placeholder="ABCD-EFGH" onInput={(e) => setCode(e.currentTarget.value)} />
          </label>
          <button type="submit" data-testid="enrol-submit" disabled={busy}>
            {busy ? '正在登记…' : '登记'}
          </button>
        </form>
      ) : null}
      {error ? (
        <p class="error" role="alert" data-testid="enrol-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
