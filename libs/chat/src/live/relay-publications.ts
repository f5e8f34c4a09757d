import { ValidationError } from '@glint/domain-errors';
import type { RecordedEvent } from '@glint/eventstore';
import type { ChannelChatSettingsUpdated, ChannelInfoUpdated } from '@glint/channels';
import type { ChannelFollowed } from '@glint/community';
import type { AccountDeleted, UserGloballyBanned, UserLoggedOut } from '@glint/identity';
import type { UserBanned, UserTimedOut, UserTimeoutLifted, UserUnbanned } from '@glint/moderation';
import { chatTopic, LIVE_CHANNELS_TOPIC, liveChannelTopic, userTopic, type Publication, type RelayedFrame } from '@glint/live-updates';
import type { ChatMessageDeleted, ChatMessageSent } from '../events';

/** What the relay looks up to turn events into frames. */
export interface RelaySources {
  /** The vault's `openMany`: plain texts in order, null where the sender's key was destroyed. */
  openTexts(sealed: string[]): Promise<Array<string | null>>;
  /** The channel's public handle, from the channels read model; null when it is not known. */
  channelUsername(channelId: string): Promise<string | null>;
}

type Data<Event extends { data: unknown }> = RecordedEvent<string, Event['data']>;

/**
 * The frames a batch of the log sends live, in the log's order: chat messages, deletions and
 * standings to the channel's chat, a global ban, a deletion and an ended session to the user's sockets, channel changes and follows
 * to the channel's live updates and the firehose. Message texts are opened once per batch.
 */
export async function relayPublications(events: readonly RecordedEvent[], sources: RelaySources): Promise<Publication[]> {
  const texts = await openedTexts(events, sources);
  const usernames = new Map<string, Promise<string | null>>();
  const channelUsername = (channelId: string) => {
    if (!usernames.has(channelId)) usernames.set(channelId, sources.channelUsername(channelId));
    return usernames.get(channelId) as Promise<string | null>;
  };
  const publications: Publication[] = [];
  const publish = (topics: string[], event: RecordedEvent, name: string, data: Record<string, unknown>) => {
    const frame: RelayedFrame = { id: event.id, event: name, data };
    for (const topic of topics) publications.push({ topic, frame });
  };

  for (const event of events) {
    switch (event.type) {
      case 'ChatMessageSent': {
        const { channelId, messageId, senderId, senderUsername } = (event as Data<ChatMessageSent>).data;
        publish([chatTopic(channelId)], event, 'message', { channelId, messageId, senderId, sender: senderUsername, text: texts.get(event.id) ?? null, sentAt: event.metadata.occurredAt });
        break;
      }
      case 'ChatMessageDeleted': {
        const { channelId, messageId, senderId } = (event as Data<ChatMessageDeleted>).data;
        publish([chatTopic(channelId)], event, 'message_deleted', { channelId, messageId, senderId });
        break;
      }
      case 'UserTimedOut': {
        const { channelId, targetUserId, until } = (event as Data<UserTimedOut>).data;
        publish([chatTopic(channelId)], event, 'user_timed_out', { channelId, userId: targetUserId, until });
        break;
      }
      case 'UserTimeoutLifted':
      case 'UserBanned':
      case 'UserUnbanned': {
        const { channelId, targetUserId } = (event as Data<UserTimeoutLifted | UserBanned | UserUnbanned>).data;
        publish([chatTopic(channelId)], event, STANDING_FRAMES[event.type], { channelId, userId: targetUserId });
        break;
      }
      case 'UserGloballyBanned': {
        const { userId } = (event as Data<UserGloballyBanned>).data;
        publish([userTopic(userId)], event, 'globally_banned', { userId });
        break;
      }
      case 'AccountDeleted': {
        const { userId } = (event as Data<AccountDeleted>).data;
        publish([userTopic(userId)], event, 'account_deleted', { userId });
        break;
      }
      case 'UserLoggedOut': {
        const { userId, sessionId, reason } = (event as Data<UserLoggedOut>).data;
        publish([userTopic(userId)], event, 'session_ended', { userId, sessionId, reason });
        break;
      }
      case 'ChannelInfoUpdated':
      case 'ChannelChatSettingsUpdated': {
        const { channelId, changes } = (event as Data<ChannelInfoUpdated | ChannelChatSettingsUpdated>).data;
        publish([liveChannelTopic(channelId), LIVE_CHANNELS_TOPIC], event, 'channel_updated', { channelId, channel: await channelUsername(channelId), changes });
        break;
      }
      case 'ChannelFollowed': {
        const { channelId, channelUsername: channel, followerId, followerUsername } = (event as Data<ChannelFollowed>).data;
        publish([liveChannelTopic(channelId), LIVE_CHANNELS_TOPIC], event, 'channel_followed', { channelId, channel, followerId, follower: followerUsername });
        break;
      }
    }
  }
  return publications;
}

const STANDING_FRAMES: Record<string, string> = {
  UserTimeoutLifted: 'user_timeout_lifted',
  UserBanned: 'user_banned',
  UserUnbanned: 'user_unbanned',
};

/** The batch's message texts by event id, opened with one key look-up. */
async function openedTexts(events: readonly RecordedEvent[], sources: RelaySources): Promise<Map<string, string | null>> {
  const sent = events.filter((event) => event.type === 'ChatMessageSent') as Array<Data<ChatMessageSent>>;
  if (sent.length === 0) return new Map();
  let texts: Array<string | null>;
  try {
    texts = await sources.openTexts(sent.map((event) => event.data.text));
  } catch (error) {
    // One value altered in the log must not hold back the batch; anything else (the database is
    // away) fails the batch, to be relayed again, rather than show messages as removed.
    if (!(error instanceof ValidationError)) throw error;
    texts = await Promise.all(sent.map((event) => sources.openTexts([event.data.text]).then(([text]) => text, (reason: unknown) => (reason instanceof ValidationError ? null : Promise.reject(reason)))));
  }
  return new Map(sent.map((event, index) => [event.id, texts[index]]));
}
