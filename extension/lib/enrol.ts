/*
 * Enrolling this browser and signing it out, as plain functions for the options page. A code is exchanged for
 * a device token (auth.enrol); the token and who it belongs to go to extension storage. Another person enrolling
 * here starts from an empty local database; the same person enrolling again keeps what is still unsent.
 */
import { createApi, errorMessage, httpStatusOf, type Api } from './api';
import { clearLocalData, writeSyncMeta, type PanelDb } from './db';
import { enrolmentItem, normaliseServerUrl, type Enrolment } from './enrolment';

export type EnrolResult = { ok: true; enrolment: Enrolment } | { ok: false; message: string };

export async function enrolDevice(db: PanelDb, serverInput: string, code: string, deviceName: string): Promise<EnrolResult> {
  const serverUrl = normaliseServerUrl(serverInput);
  if (!serverUrl) return { ok: false, message: '服务器地址格式不正确，应类似 http://127.0.0.1:8787' };
  if (!code.trim()) return { ok: false, message: '请输入登记码' };
  try {
    const { token, me } = await createApi(serverUrl, null).auth.enrol.mutate({ code: code.trim(), deviceName });
    const previous = await enrolmentItem.getValue();
    if (previous && (previous.personId !== me.personId || previous.serverUrl !== serverUrl)) await clearLocalData(db);
    const enrolment: Enrolment = { ...me, serverUrl, token };
    await enrolmentItem.setValue(enrolment);
    await writeSyncMeta(db, { revoked: false, lastError: null, lastErrorKind: null, failures: 0, nextRetryAt: null });
    return { ok: true, enrolment };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

/**
 * 退出登记: the server stops accepting this device's token, then everything local is forgotten. A token the
 * server already refuses (401) counts as signed out; an unreachable server leaves everything as it was.
 */
export async function signOut(db: PanelDb): Promise<{ ok: true } | { ok: false; message: string }> {
  const enrolment = await enrolmentItem.getValue();
  if (enrolment) {
    try {
      await createApi(enrolment.serverUrl, enrolment.token).auth.signOut.mutate();
    } catch (error) {
      if (httpStatusOf(error) !== 401) return { ok: false, message: errorMessage(error) };
    }
  }
  await clearLocalData(db);
  await enrolmentItem.removeValue();
  return { ok: true };
}

/**
 * Keeps who this browser belongs to as the server has them today: a person's unit, role or the zones they chief can
 * change after enrolment (a re-import names a unit's staff a zone's 片长), and the pages show what the enrolment says.
 */
export async function refreshEnrolment(api: Api, enrolment: Enrolment): Promise<void> {
  // The same token, so the same person and device: auth.me's answer replaces what it answered before.
  const next: Enrolment = { ...enrolment, ...(await api.auth.me.query()) };
  const current = await enrolmentItem.getValue();
  // Signed out or enrolled again meanwhile: that enrolment stands.
  if (current?.token !== enrolment.token || JSON.stringify(current) === JSON.stringify(next)) return;
  await enrolmentItem.setValue(next);
}
