/*
 * Escalation alerts as browser notifications. The background calls `checkAlerts()` on its tick; it asks the
 * server which overdue issues have reached the enrolled person's level (supervision.alerts) and shows each one
 * once per level: an issue that climbs from 牵头单位 to 片长 notifies again, the same level never twice.
 * What was shown is kept in extension storage, so a restarted service worker does not repeat itself.
 */
import { storage } from 'wxt/utils/storage';
import { browser } from 'wxt/browser';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@server/routers/_app';
import { createApi } from './api';
import { enrolmentItem, type Enrolment } from './enrolment';
import { overdueDaysLabel } from '../../shared/metrics';

export type Alert = inferRouterOutputs<AppRouter>['supervision']['alerts'][number];

/** Keys (issue id : level) of alerts already shown and still current. */
export const shownAlertsItem = storage.defineItem<string[]>('local:shownAlerts', { fallback: [] });

export const alertKey = (a: Pick<Alert, 'id' | 'level'>) => `${a.id}:${a.level}`;

/** The alerts not shown yet, and the keys to remember: only current ones, so the list never grows without end. */
export function freshAlerts(alerts: readonly Alert[], shown: readonly string[]): { fresh: Alert[]; remember: string[] } {
  const seen = new Set(shown);
  return { fresh: alerts.filter((a) => !seen.has(alertKey(a))), remember: alerts.map(alertKey) };
}

export function alertNotice(a: Alert): { title: string; message: string } {
  return {
    title: `问题${overdueDaysLabel(a.overdueDays)}，已升级至${a.levelName}`,
    message: `${a.unitName}（${a.zoneName}）${a.place}：${a.description}`,
  };
}

// A 1×1 PNG: Chrome refuses a basic notification without an icon, and the extension may not ship one.
const FALLBACK_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function iconUrl(): string {
  const icons = browser.runtime.getManifest().icons as Record<string, string> | undefined;
  const path = icons?.['128'] ?? icons?.['48'];
  return path ? browser.runtime.getURL(`/${path.replace(/^\//, '')}` as '/') : FALLBACK_ICON;
}

export interface AlertDeps {
  fetchAlerts(enrolment: Enrolment): Promise<Alert[]>;
  notify(id: string, notice: { title: string; message: string }): Promise<void>;
}

const browserDeps: AlertDeps = {
  fetchAlerts: (e) => createApi(e.serverUrl, e.token).supervision.alerts.query(),
  notify: async (id, n) => {
    await browser.notifications.create(id, { type: 'basic', iconUrl: iconUrl(), title: n.title, message: n.message });
  },
};

/** Shows the new alerts; returns how many. Not enrolled: nothing. A failed fetch throws for the caller to log. */
export async function checkAlerts(deps: AlertDeps = browserDeps): Promise<number> {
  const enrolment = await enrolmentItem.getValue();
  if (!enrolment) return 0;
  const alerts = await deps.fetchAlerts(enrolment);
  const { fresh, remember } = freshAlerts(alerts, await shownAlertsItem.getValue());
  for (const a of fresh) await deps.notify(`alert:${alertKey(a)}`, alertNotice(a));
  await shownAlertsItem.setValue(remember);
  return fresh.length;
}
