import type { MailOutboxSettings } from './mail-outbox-worker';

const POLL_INTERVAL_MS = 1000;
const FIRST_RETRY_DELAY_MS = 1000;
/** A confirmation link works for a day, a reset link for an hour: retries stay well within both. */
const MAX_RETRY_DELAY_MS = 10 * 60 * 1000;

/** Links in mails point at the platform's public web address (PUBLIC_WEB_URL, checked at start). */
export function mailOutboxSettings(webBaseUrl: string): MailOutboxSettings {
  return { webBaseUrl, pollIntervalMs: POLL_INTERVAL_MS, firstRetryDelayMs: FIRST_RETRY_DELAY_MS, maxRetryDelayMs: MAX_RETRY_DELAY_MS };
}
