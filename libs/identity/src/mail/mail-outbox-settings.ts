import type { MailOutboxSettings } from './mail-outbox-worker';

const POLL_INTERVAL_MS = 1000;

/** Links in mails point at the platform's public web address (PUBLIC_WEB_URL, checked at start). */
export function mailOutboxSettings(webBaseUrl: string): MailOutboxSettings {
  return { webBaseUrl, pollIntervalMs: POLL_INTERVAL_MS };
}
