import type { Mail } from '@glint/mail';
import type { RelayedFrame } from '@glint/live-updates';

/** What a follower is told when a channel they follow goes live. */
export interface GoLiveFacts {
  streamId: string;
  channel: string;
  title: string;
  category: string;
  /** Where Glint's web pages are served; the watch page is `/<channel>` there. */
  webBaseUrl: string;
}

export const watchUrl = (facts: Pick<GoLiveFacts, 'channel' | 'webBaseUrl'>): string => new URL(`/${facts.channel}`, facts.webBaseUrl).toString();

/**
 * The live-update frame. Its id is the same on every try of the job, so a client that gets it twice
 * (a retry after a publish whose record was lost) shows it once.
 */
export function goLiveFrame(facts: GoLiveFacts): RelayedFrame {
  return {
    id: `go-live:${facts.streamId}`,
    event: 'channel_live',
    data: { channel: facts.channel, title: facts.title, category: facts.category, watchUrl: watchUrl(facts), streamId: facts.streamId },
  };
}

/** Keyed by stream and follower: a mail service given it twice sends it once. */
export function goLiveMail(facts: GoLiveFacts, follower: { followerId: string; to: string }): Mail {
  const link = watchUrl(facts);
  return {
    idempotencyKey: `go-live:${facts.streamId}:${follower.followerId}`,
    recipientId: follower.followerId,
    to: follower.to,
    subject: `${facts.channel} is live: ${facts.title}`,
    text: [
      `${facts.channel} is live on Glint: ${facts.title} (${facts.category}).`,
      '',
      'Watch now:',
      link,
      '',
      `You get this mail because you follow ${facts.channel} with live notifications on. Turn them off on the channel's page.`,
    ].join('\n'),
    link,
  };
}
