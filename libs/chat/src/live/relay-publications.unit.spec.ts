import { ValidationError } from '@glint/domain-errors';
import type { RecordedEvent } from '@glint/eventstore';
import { relayPublications, type RelaySources } from './relay-publications';

let position = 0;
function recorded(type: string, data: object): RecordedEvent {
  position += 1;
  return {
    id: `event-${position}`,
    type,
    data,
    metadata: { correlationId: 'c', causationId: null, actor: { type: 'system' }, occurredAt: '2026-11-24T12:00:00.000Z' },
    schemaVersion: 1,
    streamName: 's',
    streamRevision: 0,
    position,
    recordedAt: new Date(),
  };
}

const channelId = 'channel-1';
const sources = (overrides: Partial<RelaySources> = {}): RelaySources & { opened: string[][] } => {
  const opened: string[][] = [];
  return {
    opened,
    openTexts: async (sealed) => {
      opened.push(sealed);
      return sealed.map((value) => (value === 'sealed-shredded' ? null : value.replace('sealed-', '')));
    },
    channelUsername: async (id) => (id === channelId ? 'streamer' : null),
    ...overrides,
  };
};

const sent = (messageId: string, text: string) => recorded('ChatMessageSent', { channelId, messageId, senderId: 'ana', senderUsername: 'Ana', text, containsLink: false });

describe('relayPublications', () => {
  it('turns each relevant event into its frames, in log order, with the event id', async () => {
    const events = [
      sent('m1', 'sealed-hello'),
      recorded('ChatMessageDeleted', { channelId, messageId: 'm1', senderId: 'ana', moderatorId: 'mod' }),
      recorded('UserTimedOut', { channelId, targetUserId: 'ben', moderatorId: 'mod', durationSeconds: 300, until: '2026-11-24T12:05:00.000Z', reason: null }),
      recorded('UserTimeoutLifted', { channelId, targetUserId: 'ben', moderatorId: 'mod' }),
      recorded('UserBanned', { channelId, targetUserId: 'ben', moderatorId: 'mod', reason: null }),
      recorded('UserUnbanned', { channelId, targetUserId: 'ben', moderatorId: 'mod' }),
      recorded('UserGloballyBanned', { userId: 'ben', reason: 'spam' }),
      recorded('ChannelInfoUpdated', { channelId, ownerId: channelId, editorId: channelId, changes: { title: 'New title' } }),
      recorded('ChannelChatSettingsUpdated', { channelId, ownerId: channelId, editorId: channelId, changes: { blockLinks: true } }),
      recorded('ChannelFollowed', { channelId, followerId: 'ana', liveNotifications: true, channelUsername: 'streamer', followerUsername: 'Ana' }),
      recorded('UserLoggedIn', { userId: 'ana' }),
      recorded('UserLoggedOut', { userId: 'ana', sessionId: 'session-1', reason: 'logout' }),
      recorded('AccountDeleted', { userId: 'ana', username: 'Ana' }),
    ];
    const publications = await relayPublications(events, sources());
    expect(publications.map(({ topic, frame }) => [topic, frame.event, frame.id, frame.data])).toEqual([
      ['glint:chat:channel-1', 'message', events[0].id, { channelId, messageId: 'm1', senderId: 'ana', sender: 'Ana', text: 'hello', sentAt: '2026-11-24T12:00:00.000Z' }],
      ['glint:chat:channel-1', 'message_deleted', events[1].id, { channelId, messageId: 'm1', senderId: 'ana' }],
      ['glint:chat:channel-1', 'user_timed_out', events[2].id, { channelId, userId: 'ben', until: '2026-11-24T12:05:00.000Z' }],
      ['glint:chat:channel-1', 'user_timeout_lifted', events[3].id, { channelId, userId: 'ben' }],
      ['glint:chat:channel-1', 'user_banned', events[4].id, { channelId, userId: 'ben' }],
      ['glint:chat:channel-1', 'user_unbanned', events[5].id, { channelId, userId: 'ben' }],
      ['glint:user:ben', 'globally_banned', events[6].id, { userId: 'ben' }],
      ['glint:live:channel:channel-1', 'channel_updated', events[7].id, { channelId, channel: 'streamer', changes: { title: 'New title' } }],
      ['glint:live:channels', 'channel_updated', events[7].id, { channelId, channel: 'streamer', changes: { title: 'New title' } }],
      ['glint:live:channel:channel-1', 'channel_updated', events[8].id, { channelId, channel: 'streamer', changes: { blockLinks: true } }],
      ['glint:live:channels', 'channel_updated', events[8].id, { channelId, channel: 'streamer', changes: { blockLinks: true } }],
      ['glint:live:channel:channel-1', 'channel_followed', events[9].id, { channelId, channel: 'streamer', followerId: 'ana', follower: 'Ana' }],
      ['glint:live:channels', 'channel_followed', events[9].id, { channelId, channel: 'streamer', followerId: 'ana', follower: 'Ana' }],
      ['glint:user:ana', 'session_ended', events[11].id, { userId: 'ana', sessionId: 'session-1', reason: 'logout' }],
      ['glint:user:ana', 'account_deleted', events[12].id, { userId: 'ana' }],
    ]);
  });

  it('opens all of a batch’s texts with one look-up, and shows a shredded one as null', async () => {
    const given = sources();
    const publications = await relayPublications([sent('m1', 'sealed-one'), sent('m2', 'sealed-shredded'), sent('m3', 'sealed-three')], given);
    expect(given.opened).toEqual([['sealed-one', 'sealed-shredded', 'sealed-three']]);
    expect(publications.map(({ frame }) => frame.data.text)).toEqual(['one', null, 'three']);
  });

  it('shows an altered text as null without holding back the rest of the batch', async () => {
    const openTexts = async (sealed: string[]) => {
      if (sealed.includes('sealed-altered')) throw new ValidationError('tampered_personal_value', 'altered');
      return sealed.map((value) => value.replace('sealed-', ''));
    };
    const publications = await relayPublications([sent('m1', 'sealed-one'), sent('m2', 'sealed-altered')], sources({ openTexts }));
    expect(publications.map(({ frame }) => frame.data.text)).toEqual(['one', null]);
  });

  it('fails the batch when the keys cannot be read at all, so it is relayed again rather than shown as removed', async () => {
    const openTexts = async () => {
      throw new Error('connection refused');
    };
    await expect(relayPublications([sent('m1', 'sealed-one')], sources({ openTexts }))).rejects.toThrow('connection refused');
  });
});
