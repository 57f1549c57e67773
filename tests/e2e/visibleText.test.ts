/*
 * What people read is written one way: the Chinese text inline where it is shown (README, 目录与架构). The message
 * catalogue (_locales) keeps only what Chrome itself reads from the manifest. This reads the built extension to
 * hold the catalogue to exactly that and to find no script reading it, then opens the extension in an English
 * Chromium: Chrome names it from the catalogue, and the pages speak Chinese whatever the browser's language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowsers, copyOfBuild, launchExtension, removeDir, type LaunchedExtension } from './harness';

const SOURCE_CATALOGUE = 'extension/public/_locales/zh_CN/messages.json';

let extensionDir: string;
const browsers: LaunchedExtension[] = [];

beforeAll(async () => {
  extensionDir = await copyOfBuild();
});

afterAll(async () => {
  await closeBrowsers(browsers);
  removeDir(extensionDir);
});

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
}

describe('the message catalogue', () => {
  it('holds exactly the names the built manifest references, in one locale, and no built script reads it', () => {
    const manifest = readFileSync(join(extensionDir, 'manifest.json'), 'utf8');
    const referenced = [...new Set([...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]))].sort();
    expect(referenced.length).toBeGreaterThan(0);
    expect(JSON.parse(manifest).default_locale).toBe('zh_CN');
    expect(readdirSync(join(extensionDir, '_locales'))).toEqual(['zh_CN']);
    const built = JSON.parse(readFileSync(join(extensionDir, '_locales/zh_CN/messages.json'), 'utf8')) as Record<string, unknown>;
    const source = JSON.parse(readFileSync(SOURCE_CATALOGUE, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(built).sort()).toEqual(referenced);
    expect(Object.keys(source).sort()).toEqual(referenced);

    const scripts = jsFiles(extensionDir);
    expect(scripts).toContain('background.js');
    expect(scripts.some((f) => f.includes('sidepanel'))).toBe(true);
    expect(scripts.filter((f) => /getMessage|\.i18n\b/.test(readFileSync(join(extensionDir, f), 'utf8')))).toEqual([]);
  });

  it('names the extension in an English Chromium, whose pages still read in Chinese', async () => {
    const browser = await launchExtension(undefined, extensionDir, { locale: 'en-US' });
    browsers.push(browser);
    const options = await browser.openPage('options.html');
    // The two chrome.* calls used here (the tests are type-checked without the WebExtension types).
    type WithChrome = { chrome: { management: { getSelf(): Promise<{ name: string; description: string }> }; action: { getTitle(d: object): Promise<string> } } };
    const shown = await options.evaluate(async () => {
      const { chrome } = globalThis as unknown as WithChrome;
      const self = await chrome.management.getSelf();
      return { language: navigator.language, name: self.name, description: self.description, title: await chrome.action.getTitle({}) };
    });
    expect(shown).toEqual({
      language: 'en-US',
      name: '片区通',
      description: '片长制环境卫生责任落实：每日保洁、每周扫除打勾，快速上报问题，离线可用，联网自动同步。',
      title: '打开片区通',
    });
    expect(await options.locator('h1').textContent()).toBe('片区通 · 设置');
    const panel = await browser.openPage('sidepanel.html');
    await expect.poll(() => panel.getByTestId('not-enrolled').textContent(), { timeout: 20_000 }).toBe('片区通本浏览器尚未登记。请在设置页填写服务器地址和登记码，登记后即可使用。打开设置页');
  });
});
