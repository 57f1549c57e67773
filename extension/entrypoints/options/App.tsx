/** The options page: enrol this browser with a code, see who it belongs to, sign out; reminder times. */
import { useEffect, useState } from 'preact/hooks';
import { ROLE_NAMES } from '../../../shared/roles';
import type { PanelDb } from '../../lib/db';
import { enrolDevice, signOut } from '../../lib/enrol';
import { DEFAULT_SERVER_URL, type Enrolment } from '../../lib/enrolment';
import { t } from '../../lib/i18n';
import { requestSync } from '../../lib/messages';
import { useEnrolment } from '../../components/useEnrolment';
import { ReminderSettingsForm } from './ReminderSettingsForm';

export function App({ db }: { db: PanelDb }) {
  const enrolment = useEnrolment();
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {enrolment === undefined ? <p class="muted">{t('loading')}</p> : <EnrolSection db={db} enrolment={enrolment} />}
      <ReminderSettingsForm />
    </main>
  );
}

function whoLabel(e: Enrolment): string {
  const place = e.unit ? t('enrolledUnit', e.unit.name, e.unit.zoneName) : '';
  return t('enrolledAs', e.name, ROLE_NAMES[e.role], place);
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
    const result = await enrolDevice(db, serverUrl, code, t('deviceName'));
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setCode('');
    setReenrol(false);
    void requestSync();
  }

  async function leave() {
    const pending = await db.outbox.count();
    if (pending > 0 && !confirm(t('signOutUnsent', pending))) return;
    setBusy(true);
    setError(null);
    const result = await signOut(db);
    setBusy(false);
    if (!result.ok) setError(t('signOutFailed', result.message));
  }

  return (
    <section>
      <h2>{t('enrolTitle')}</h2>
      {enrolment ? (
        <div class="enrolled">
          <p data-testid="enrolled-as">{whoLabel(enrolment)}</p>
          <p class="muted">{t('serverIs', enrolment.serverUrl)}</p>
          <p>
            <a href="/dashboard.html" target="_blank" data-testid="open-dashboard">
              {t('openDashboard')}
            </a>
          </p>
          <button type="button" onClick={leave} disabled={busy} data-testid="sign-out">
            {t('signOut')}
          </button>{' '}
          {!reenrol ? (
            <button type="button" class="link" onClick={() => setReenrol(true)}>
              {t('reenrol')}
            </button>
          ) : null}
        </div>
      ) : (
        <p>{t('enrolIntro')}</p>
      )}
      {!enrolment || reenrol ? (
        <form onSubmit={submit} noValidate>
          <label>
            {t('serverUrl')}
            <input data-testid="server-url" value={serverUrl} inputMode="url" onInput={(e) => setServerUrl(e.currentTarget.value)} />
          </label>
          <label>
            {t('enrolCode')}
            <input data-testid="enrol-code" value={code} autoComplete="off" placeholder="ABCD-EFGH" onInput={(e) => setCode(e.currentTarget.value)} />
          </label>
          <button type="submit" data-testid="enrol-submit" disabled={busy}>
            {busy ? t('enrolling') : t('enrol')}
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
