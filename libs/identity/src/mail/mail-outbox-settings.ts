import type { MailOutboxSettings } from './mail-outbox-worker';

const DEFAULT_WEB_BASE_URL = 'http://localhost:3000';
const POLL_INTERVAL_MS = 1000;

/** From PUBLIC_WEB_URL, checked once at start: a link that cannot be built stops the start, named. */
export function readMailOutboxSettings(publicWebUrl: string | undefined): MailOutboxSettings {
  const webBaseUrl = publicWebUrl?.trim() || DEFAULT_WEB_BASE_URL;
  if (!/^https?:\/\//.test(webBaseUrl) || !URL.canParse(webBaseUrl)) {
    throw new Error(`PUBLIC_WEB_URL must be the http:// or https:// address of Glint's web pages (got "${webBaseUrl}"); links in mails point there.`);
  }
  return { webBaseUrl, pollIntervalMs: POLL_INTERVAL_MS };
}
