/*
 * Every word the side panel, options page and notifications show comes from _locales/zh_CN/messages.json.
 * In the browser browser.i18n.getMessage reads it; where that API is missing (unit tests, a page outside the
 * extension) the same file, bundled, is the fallback. Substitutions are written {1}, {2}… in the messages
 * (Chrome's own $1 needs a placeholder block per message; this keeps the file short).
 */
import { browser } from 'wxt/browser';
import messages from '../public/_locales/zh_CN/messages.json';

export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, ...subs: Array<string | number>): string {
  let text = '';
  try {
    text = (browser.i18n.getMessage as (k: string) => string)(key) ?? '';
  } catch {
    // no i18n API here: use the bundled file
  }
  if (!text) text = messages[key]?.message ?? key;
  return subs.reduce<string>((s, value, i) => s.replaceAll(`{${i + 1}}`, String(value)), text);
}
