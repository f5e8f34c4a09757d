import type { Actor, RecordedEvent } from '@glint/eventstore';
import { usersConcernedBy } from './projection';
import type { AccountRelation } from './tables';

const event = (streamName: string, actor: Actor, data: unknown, type = 'Anything'): RecordedEvent => ({
  id: '0b8f2f4e-5d43-4d7e-9a61-0c4f8f0c9d11',
  type,
  data,
  metadata: { correlationId: 'c-1', causationId: null, actor, occurredAt: '2026-11-23T12:00:00.000Z' },
  schemaVersion: 1,
  streamName,
  streamRevision: 0,
  position: 1,
  recordedAt: new Date('2026-11-23T12:00:00.010Z'),
});
const member = (userId: string): Actor => ({ type: 'user', userId, role: 'member' });

describe('usersConcernedBy', () => {
  it.each<[string, RecordedEvent, Record<string, AccountRelation>]>([
    ['the actor alone', event('channel-c1', member('ana'), { channelId: 'c1', text: 'hi' }), { ana: 'actor' }],
    ['the user of a user stream', event('user-ben', { type: 'system' }, { email: 'ben@glint.test' }), { ben: 'subject' }],
    ['a user acting on their own stream', event('user-ana', member('ana'), { displayName: 'Ana' }), { ana: 'both' }],
    ['every subject key', event('x-1', { type: 'stripe' }, { userId: 'u1', followerId: 'u2', targetUserId: 'u3', moderatorId: 'u4', ownerId: 'u5', streamerId: 'u6', subjectUserId: 'u7' }),
      { u1: 'subject', u2: 'subject', u3: 'subject', u4: 'subject', u5: 'subject', u6: 'subject', u7: 'subject' }],
    ['the actor named again as a subject', event('channel-c1', member('mo'), { moderatorId: 'mo', targetUserId: 'ben' }), { mo: 'both', ben: 'subject' }],
    ['one user under two keys, once', event('channel-ana', member('ben'), { followerId: 'ben', ownerId: 'ana', userId: 'ana' }), { ben: 'both', ana: 'subject' }],
    ['nobody in a platform event', event('gateway-1', { type: 'gateway', id: 'gateway-1' }, { viewers: 3 }), {}],
    ['no user from keys that are not user ids, or values that are not strings', event('channel-c1', { type: 'system' }, { channelId: 'c1', userId: 42, ownerId: '' }), {}],
    ['the channel owner of a broadcast starting', event('stream-ana-1', { type: 'gateway', id: 'gw-1' }, { streamId: 'ana-1', channelId: 'ana', title: 'Hi' }, 'StreamStarted'), { ana: 'subject' }],
    ['the channel owner of a broadcast ended by staff, and the staff', event('stream-ana-1', member('sue'), { streamId: 'ana-1', channelId: 'ana', endedBy: 'sue' }, 'StreamEnded'), { sue: 'actor', ana: 'subject' }],
    ['nobody for a broadcast’s samples', event('stream-ana-1', { type: 'gateway', id: 'gw-1' }, { streamId: 'ana-1', channelId: 'ana', current: 3 }, 'ViewerCountSampled'), {}],
    ['no user from data that is not an object', event('channel-c1', { type: 'system' }, ['userId']), {}],
  ])('%s', (_, given, expected) => {
    expect(Object.fromEntries(usersConcernedBy(given))).toEqual(expected);
  });
});
