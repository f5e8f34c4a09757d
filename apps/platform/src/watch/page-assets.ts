import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PageAsset {
  contentType: string;
  body: string;
}

const JAVASCRIPT = 'application/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The browser files beside this one; nest-cli.json copies them into dist with the compiled code. */
const ASSETS_FOLDER = join(__dirname, 'assets');

/** What each page script is served with in front of it, for both pages use it. */
const SHARED_SCRIPT = 'ice-gathering.js';

/**
 * What the pages load from /assets/<name>, read once. A page's script goes out as one file with the
 * shared script in front, in one function scope, so each page loads one script and defines no
 * globals; the files themselves are type-checked as browser scripts (assets/tsconfig.json).
 */
export function loadPageAssets(): ReadonlyMap<string, PageAsset> {
  const shared = read(SHARED_SCRIPT);
  const script = (name: string): PageAsset => ({ contentType: JAVASCRIPT, body: `(function () {\n'use strict';\n${shared}\n${read(name)}\n})();\n` });
  return new Map([
    ['watch.js', script('watch.js')],
    ['go-live.js', script('go-live.js')],
    ['glint.css', { contentType: CSS, body: read('glint.css') }],
  ]);
}

function read(name: string): string {
  const path = join(ASSETS_FOLDER, name);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`The page asset ${path} could not be read (${(error as Error).message}); \`npm run build\` copies the page assets into dist (nest-cli.json "assets").`);
  }
}
