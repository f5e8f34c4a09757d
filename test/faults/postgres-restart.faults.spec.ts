import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@glint/database';
import { ApiClient, eventually, until } from '@glint/testing';
import { ChatLoad, chattingOwner, loggedMessageIds, projectedMessageIds, type ChattingOwner } from './chat-load';
import { PostgresServer } from './postgres-server';
import { consumersBehind, logLines, printed, startPlatformProcess, stopPlatformProcess, type PlatformProcess } from './platform-process';

/**
 * PostgreSQL restarted under a write load: the platform answers 503 `unavailable` while it is away,
 * comes back by itself, loses no acknowledged write and its projections catch up. The test runs a
 * PostgreSQL of its own, so stopping it troubles no one else.
 */
describe('PostgreSQL restarted while chat messages are being written', () => {
  const dataDir = join(tmpdir(), `glint-faults-postgres-${process.pid}`);
  let postgres: PostgresServer;
  let platform: PlatformProcess | undefined;
  let api: ApiClient;
  let owner: ChattingOwner;
  const databaseUrl = () => postgres.url;

  beforeAll(async () => {
    postgres = new PostgresServer(dataDir, await freePort());
    await postgres.start();
    platform = await startPlatformProcess({ DATABASE_URL: databaseUrl(), REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
    api = new ApiClient(platform.baseUrl);
    owner = await chattingOwner(api);
  }, 240_000);

  afterAll(async () => {
    await stopPlatformProcess(platform);
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 unavailable while it is down, recovers by itself, keeps every acknowledged write and catches its projections up', async () => {
    const explain = () => printed(platform!);
    const load = new ChatLoad(api, owner);
    try {
      await until('messages acknowledged before the outage', () => load.acknowledged().length >= 20, { explain });
      const beforeOutage = load.answers.length;
      await postgres.stop();
      await until('a 503 while PostgreSQL is down', () => load.answers.slice(beforeOutage).some((answer) => answer.status === 503), { explain });

      const outageEnd = load.answers.length;
      await postgres.start();
      await until('messages acknowledged again once PostgreSQL is back', () => load.answers.slice(outageEnd).filter((answer) => answer.status === 201).length >= 20, {
        timeoutMs: 60_000,
        explain,
      });
    } finally {
      await load.stop();
    }

    // A stack, JSON-escaped inside a log line or printed raw, would be an error nobody mapped.
    expect([...platform!.stdout, ...platform!.stderr].filter((line) => /\\n\s+at \S/.test(line))).toEqual([]);
    expect(logLines(platform!).filter((line) => line.level === 'error' && /failed:/.test(String(line.message)))).toEqual([]);
    expect(platform!.stderr.filter((line) => /^\s+at /.test(line))).toEqual([]);
    const refused = load.answers.filter((answer) => answer.status !== 201);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.filter((answer) => answer.status !== 503 || answer.error !== 'unavailable')).toEqual([]);

    const acknowledged = load.acknowledged().map((answer) => answer.messageId);
    const logged = await loggedMessageIds(databaseUrl(), owner.channelId);
    expect(new Set(logged).size).toBe(logged.length);
    expect(acknowledged.filter((id) => !logged.includes(id!))).toEqual([]);

    await eventually(async () => expect((await projectedMessageIds(databaseUrl(), owner.channelId)).sort()).toEqual([...logged].sort()), { explain });
    // Every projection and reactor runs here again, fed by the reader, and has read the whole log.
    await eventually(async () => {
      const behind = await consumersBehind(platform!);
      expect(behind).not.toBeNull();
      expect(Object.entries(behind!).filter(([, events]) => events > 0)).toEqual([]);
    }, { explain });
    const newest = await api.get(`/api/channels/${owner.username}/chat/messages?limit=1`);
    expect(newest.status).toBe(200);
    expect(newest.body.items.map((message: { messageId: string }) => message.messageId)).toEqual([logged.at(-1)]);

    expect(platform!.exit).toBeNull();
  }, 240_000);
});
