import type { ChannelPageResponse } from './channel-page.response';

export interface CachedChannelPage {
  channelId: string;
  response: ChannelPageResponse;
  /** The response as JSON, sent as it is by the HTTP fast path. */
  body: string;
}

interface Entry extends CachedChannelPage {
  /** The channel_page checkpoint the page was read at: it holds every event up to there. */
  checkpoint: number;
  storedAt: number;
}

export interface ChannelPageCacheOptions {
  /** A page older than this is read again even if no change was heard of (a lost Redis message). */
  maxAgeMs?: number;
  maxPages?: number;
  now?: () => number;
}

/**
 * The public channel page, as anonymous readers and apps get it, kept in this process. A page is
 * served from here only while no change to its channel has been heard of past the checkpoint it
 * was read at; the changes come from the live relay through Redis, one message per event that
 * touches a page. Signed-in people always read the read model itself, so an owner's own edit shows
 * on their next read whichever process serves it. Until the change feed is connected nothing is
 * served from here.
 */
export class ChannelPageCache {
  private readonly pages = new Map<string, Entry>();
  /** The newest log position known to change each channel's page. */
  private readonly changedAt = new Map<string, number>();
  private listening = false;
  private readonly maxAgeMs: number;
  private readonly maxPages: number;
  private readonly now: () => number;

  constructor(options: ChannelPageCacheOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 5_000;
    this.maxPages = options.maxPages ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The page of `username` if it is known to be current, else null. */
  fresh(username: string): CachedChannelPage | null {
    if (!this.listening) return null;
    const key = username.toLowerCase();
    const entry = this.pages.get(key);
    if (!entry) return null;
    if (this.now() - entry.storedAt > this.maxAgeMs || entry.checkpoint < (this.changedAt.get(entry.channelId) ?? 0)) {
      this.pages.delete(key);
      return null;
    }
    return entry;
  }

  /** Keeps a page read at `checkpoint`, unless a change past that checkpoint is already known. */
  store(username: string, channelId: string, response: ChannelPageResponse, checkpoint: number): void {
    if (!this.listening || checkpoint < (this.changedAt.get(channelId) ?? 0)) return;
    const key = username.toLowerCase();
    this.pages.delete(key);
    if (this.pages.size >= this.maxPages) this.pages.delete(this.pages.keys().next().value as string);
    this.pages.set(key, { channelId, response, body: JSON.stringify(response), checkpoint, storedAt: this.now() });
  }

  /** The event at `position` changed the channel's page. */
  changed(channelId: string, position: number): void {
    if (position > (this.changedAt.get(channelId) ?? 0)) this.changedAt.set(channelId, position);
  }

  /** The change feed is connected: pages may be served from here. */
  startListening(): void {
    this.listening = true;
  }

  /** The change feed is lost: changes may be missed, so nothing kept so far can be trusted. */
  stopListening(): void {
    this.listening = false;
    this.pages.clear();
  }
}
