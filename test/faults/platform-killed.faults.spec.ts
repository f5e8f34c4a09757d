import { ApiClient, eventually, until } from '@glint/testing';
import { createTestDatabase, type TestDatabase } from '@glint/testing/database';
import { ChatLoad, chattingOwner, loggedMessageIds, projectedMessageIds, type ChattingOwner } from './chat-load';
import { consumersBehind, killed, printed, startPlatformProcess, stopPlatformProcess, type PlatformProcess } from './platform-process';

/**
 * The platform killed outright (SIGKILL: no shutdown, a batch of appends and projections cut off
 * midway) under a write load, then started again: every acknowledged write is in the log exactly
 * once, and the projections resume from their checkpoints and catch up with the log.
 */
describe('the platform killed while chat messages are being written', () => {
  let database: TestDatabase;
  let first: PlatformProcess | undefined;
  let second: PlatformProcess | undefined;
  let owner: ChattingOwner;
  const env = () => ({ DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startPlatformProcess(env());
    owner = await chattingOwner(new ApiClient(first.baseUrl));
  }, 240_000);

  afterAll(async () => {
    await Promise.all([stopPlatformProcess(first), stopPlatformProcess(second)]);
    await database?.drop();
  });

  it('keeps every acknowledged write exactly once, and catches its projections up after a restart', async () => {
    const load = new ChatLoad(new ApiClient(first!.baseUrl), owner);
    try {
      await until('messages acknowledged under load', () => load.acknowledged().length >= 30, { explain: () => printed(first!) });
      expect(await killed(first!)).toEqual({ code: null, signal: 'SIGKILL' });
    } finally {
      await load.stop();
    }
    const acknowledged = load.acknowledged().map((answer) => answer.messageId!);
    expect(load.answers.filter((answer) => answer.status !== 201 && answer.status !== 0)).toEqual([]);

    second = await startPlatformProcess(env());
    const logged = await loggedMessageIds(database.url, owner.channelId);
    expect(new Set(logged).size).toBe(logged.length);
    expect(acknowledged.filter((id) => logged.filter((each) => each === id).length !== 1)).toEqual([]);

    await eventually(async () => expect((await projectedMessageIds(database.url, owner.channelId)).sort()).toEqual([...logged].sort()), { explain: () => printed(second!) });
    // Every projection and reactor runs here again, fed by the reader, and has read the whole log.
    await eventually(async () => {
      const behind = await consumersBehind(second!);
      expect(behind).not.toBeNull();
      expect(Object.entries(behind!).filter(([, events]) => events > 0)).toEqual([]);
    }, { explain: () => printed(second!) });
    const api = new ApiClient(second.baseUrl);
    const newest = await api.get(`/api/channels/${owner.username}/chat/messages?limit=1`);
    expect(newest.status).toBe(200);
    expect(newest.body.items.map((message: { messageId: string }) => message.messageId)).toEqual([logged.at(-1)]);
    const afterRestart = await api.post(`/api/channels/${owner.username}/chat/messages`, { text: 'after the restart' }, owner.token);
    expect(afterRestart.status).toBe(201);
  }, 240_000);
});
