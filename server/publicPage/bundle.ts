/*
 * The public page's script and style, built from TypeScript by esbuild once per process (about 50 ms) and served
 * from memory. No build step to forget, no framework: the page is small DOM code, and the photo downscaling is the
 * side panel's own (extension/lib/photoResize.ts). The target covers the browsers built into chat apps (Chromium
 * 66+) and iOS 15+ (esbuild cannot lower destructuring for older Safari).
 */
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export interface Asset {
  body: Buffer;
  /** A content hash, put in the URL so a browser may cache the file for ever. */
  hash: string;
  type: string;
}

export interface PageAssets {
  js: Asset;
  css: Asset;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

function build(entry: string, type: string): Asset {
  const result = buildSync({
    entryPoints: [here(entry)],
    bundle: true,
    minify: true,
    write: false,
    format: 'iife',
    target: ['es2018', 'chrome66', 'safari15'],
    // photoResize.ts also offers a tab capture that only the extension can use; the page never calls it.
    external: ['wxt/browser'],
    legalComments: 'none',
    logLevel: 'silent',
  });
  const body = Buffer.from(result.outputFiles[0].contents);
  return { body, hash: createHash('sha256').update(body).digest('hex').slice(0, 12), type };
}

let assets: PageAssets | null = null;

export function pageAssets(): PageAssets {
  assets ??= { js: build('./page.ts', 'text/javascript; charset=utf-8'), css: build('./page.css', 'text/css; charset=utf-8') };
  return assets;
}
