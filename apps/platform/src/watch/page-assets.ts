import { GO_LIVE_SCRIPT } from './assets/go-live-script';
import { PAGE_STYLE } from './assets/page-style';
import { WATCH_SCRIPT } from './assets/watch-script';

export interface PageAsset {
  contentType: string;
  body: string;
}

const JAVASCRIPT = 'application/javascript; charset=utf-8';

/**
 * What the pages load from /assets/<name>. Embedded as strings so the build, which copies only
 * compiled TypeScript, ships them.
 */
export const PAGE_ASSETS: ReadonlyMap<string, PageAsset> = new Map([
  ['watch.js', { contentType: JAVASCRIPT, body: WATCH_SCRIPT }],
  ['go-live.js', { contentType: JAVASCRIPT, body: GO_LIVE_SCRIPT }],
  ['glint.css', { contentType: 'text/css; charset=utf-8', body: PAGE_STYLE }],
]);
