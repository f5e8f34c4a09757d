import { ForbiddenError } from '@glint/domain-errors';

/** What the platform's sanctions on a channel's owner say about publishing it. */
export interface PublisherStanding {
  globallyBanned: boolean;
  streamingSuspended: boolean;
}

/**
 * A banned or streaming-suspended owner's channel takes no encoder and starts no stream. A global
 * ban is named first: lifting a suspension alone would not let them publish.
 */
export function requireMayPublish(owner: PublisherStanding): void {
  if (owner.globallyBanned) throw new ForbiddenError('globally_banned', 'This channel\'s owner is banned from Glint, so the channel cannot go live.');
  if (owner.streamingSuspended) throw new ForbiddenError('streaming_suspended', 'This channel\'s owner is suspended from streaming; it can go live again once staff reinstate them.');
}
