import type { ChannelView } from '@glint/channels';
import { escapeHtml, htmlDocument } from './html';

/**
 * A channel's watch page. The script finds the channel in `data-channel` and fills in the live
 * state and the viewer count; the server renders only what it knows for certain (title, name).
 */
export function watchPage(channel: Pick<ChannelView, 'username' | 'title'>): string {
  const username = escapeHtml(channel.username);
  const title = escapeHtml(channel.title);
  return htmlDocument({
    title: `${channel.title} · ${channel.username} · Glint`,
    script: '/assets/watch.js',
    body: `<main id="watch" class="watch" data-channel="${username}" data-live="false">
<video id="player" muted autoplay playsinline controls></video>
<header class="stream-info">
<h1 id="title">${title}</h1>
<p><a href="/${username}">${username}</a> · <span id="live-state" class="live-state">Offline</span> · <span id="viewers">0</span> watching</p>
<p id="notice" role="status"></p>
</header>
<aside class="chat" aria-label="Chat">
<ol id="chat-messages" aria-live="polite"></ol>
</aside>
</main>`,
  });
}

/** The answer for a channel that never was, or is gone with its owner's account: the two look alike. */
export function channelNotFoundPage(username: string): string {
  return htmlDocument({
    title: 'No such channel · Glint',
    body: `<main class="not-found">
<h1>No such channel</h1>
<p>There is no channel named “${escapeHtml(username)}” on Glint.</p>
</main>`,
  });
}
