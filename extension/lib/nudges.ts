/** 催办 from a head or the command center, shown to the unit's staff as a browser notification. */
import { browser } from 'wxt/browser';
import { dateTimeLabel } from '../../shared/labels';
import { iconUrl } from './alerts';

export async function showNudge(nudge: { message: string; at: number }): Promise<void> {
  await browser.notifications.create(`nudge:${nudge.at}`, {
    type: 'basic',
    iconUrl: iconUrl(),
    title: `催办提醒（${dateTimeLabel(nudge.at)}）`,
    message: nudge.message,
  });
}
