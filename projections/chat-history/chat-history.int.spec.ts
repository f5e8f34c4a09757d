import { newEventId, type NewEvent } from '@glint/eventstore';
import { createProjectionEngine } from '@glint/projection-engine';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { chatHistory, readChatHistoryRow, readShownChatRows } from '.';

const channelA = 'channel-a';
const channelB = 'channel-b';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 12, minute)).toISOString();

function event(type: string, data: object, minute: number): NewEvent {
  return { id: newEventId(), type, data, metadata: { correlationId: 'c-1', causationId: null, actor: { type: 'system' }, occurredAt: at(minute) } };
}
const sent = (channelId: string, messageId: string, senderId: string, minute: number) =>
  event('ChatMessageSent', { channelId, messageId, senderId, senderUsername: `name-of-${senderId}`, text: `sealed-${messageId}`, containsLink: false }, minute);
const deleted = (channelId: string, messageId: string, minute: number) => event('ChatMessageDeleted', { channelId, messageId, senderId: 'x', moderatorId: 'mod' }, minute);

const quiet = { log: () => undefined, error: (entry: object) => { throw new Error(`The engine reported an error: ${JSON.stringify(entry)}`); } };

const ROWS_SQL = `SELECT channel_id, message_id, position::int, sender_id, sender_username, text_sealed, sent_at, deleted_at FROM chat_history ORDER BY channel_id, message_id`;

describe('the chat_history read model', () => {
  let opened: TestStore;

  beforeAll(async () => {
    opened = await openTestStore();
    const { store } = opened;
    await store.append(`chat-${channelA}`, [sent(channelA, 'm1', 'ana', 0), sent(channelA, 'm2', 'ben', 1)]);
    // A send and its deletion in one append land in one batch: the deletion must still find the row.
    await store.append(`chat-${channelA}`, [sent(channelA, 'm3', 'ana', 2), deleted(channelA, 'm3', 3)]);
    await store.append(`chat-${channelB}`, [sent(channelB, 'm4', 'ben', 4)]);
    await store.append(`chat-${channelA}`, [deleted(channelA, 'm1', 5), deleted(channelA, 'm1', 6), deleted(channelA, 'unknown', 6)]);
    await store.append('user-ben', [event('AccountDeleted', { userId: 'ben' }, 7)]);
    await store.append(`chat-${channelA}`, [sent(channelA, 'm5', 'ana', 8)]);
  });
  afterAll(() => closeTestStore(opened));

  it('keeps every message with its sealed text, marks deletions once, and forgets a deleted account’s name; a rebuild gives the same rows', async () => {
    const engine = createProjectionEngine({ store: opened.store, databaseUrl: opened.database.url, projections: [chatHistory], batchSize: 3, logger: quiet });
    try {
      await engine.catchUp('chat_history', await opened.store.headPosition());
      const live = (await opened.sql.query(ROWS_SQL)).rows;
      expect(live.map((row) => [row.channel_id, row.message_id, row.sender_id, row.sender_username, row.text_sealed, row.sent_at.toISOString(), row.deleted_at?.toISOString() ?? null])).toEqual([
        [channelA, 'm1', 'ana', 'name-of-ana', 'sealed-m1', at(0), at(5)],
        [channelA, 'm2', 'ben', null, 'sealed-m2', at(1), null],
        [channelA, 'm3', 'ana', 'name-of-ana', 'sealed-m3', at(2), at(3)],
        [channelA, 'm5', 'ana', 'name-of-ana', 'sealed-m5', at(8), null],
        [channelB, 'm4', 'ben', null, 'sealed-m4', at(4), null],
      ]);

      await engine.rebuild(['chat_history']);
      expect((await opened.sql.query(ROWS_SQL)).rows).toEqual(live);
    } finally {
      await engine.stop();
    }
  });

  it('serves the newest shown messages oldest first, and finds one message deleted or not', async () => {
    const engine = createProjectionEngine({ store: opened.store, databaseUrl: opened.database.url, projections: [chatHistory], logger: quiet });
    try {
      await engine.catchUp('chat_history', await opened.store.headPosition());
      const em = engine.entityManager();
      expect((await readShownChatRows(em, channelA, { before: null, limit: 50 })).map((row) => row.messageId)).toEqual(['m5', 'm2']);
      expect((await readShownChatRows(em, channelA, { before: null, limit: 1 })).map((row) => row.messageId)).toEqual(['m5']);
      expect((await readShownChatRows(em, channelA, { before: null, limit: 50, since: new Date(at(2)) })).map((row) => row.messageId)).toEqual(['m5']);
      expect(await readChatHistoryRow(em, channelA, 'm3')).toMatchObject({ senderId: 'ana', deletedAt: new Date(at(3)) });
      expect(await readChatHistoryRow(em, channelB, 'm3')).toBeNull();
    } finally {
      await engine.stop();
    }
  });
});
