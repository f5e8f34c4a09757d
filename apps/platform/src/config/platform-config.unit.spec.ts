import { parsePlatformConfig, type PlatformConfig } from './platform-config';

const cwd = '/srv/glint';

describe('platform configuration', () => {
  it('runs on defaults with nothing set: port 3000, embedded PostgreSQL under ./.data, local Redis', () => {
    expect(parsePlatformConfig({}, cwd)).toEqual<PlatformConfig>({
      port: 3000,
      databaseUrl: null,
      embeddedPostgres: { port: 5433, dataDir: '/srv/glint/.data/postgres' },
      redisUrl: 'redis://127.0.0.1:6379',
      eventStore: { kind: 'postgres' },
      logLevel: 'info',
      publicWebUrl: 'http://localhost:3000',
    });
  });

  it('reads every variable', () => {
    expect(
      parsePlatformConfig(
        {
          PORT: '8080',
          DATABASE_URL: 'postgres://glint:secret@db:5432/glint',
          EMBEDDED_POSTGRES_PORT: '6543',
          EMBEDDED_POSTGRES_DATA_DIR: '/var/lib/glint',
          REDIS_URL: 'rediss://cache:6380',
          EVENT_STORE: 'eventstoredb',
          EVENTSTORE_URL: 'esdb://esdb:2113?tls=false',
          LOG_LEVEL: 'debug',
          PUBLIC_WEB_URL: 'https://glint.example',
        },
        cwd,
      ),
    ).toEqual<PlatformConfig>({
      port: 8080,
      databaseUrl: 'postgres://glint:secret@db:5432/glint',
      embeddedPostgres: { port: 6543, dataDir: '/var/lib/glint' },
      redisUrl: 'rediss://cache:6380',
      eventStore: { kind: 'eventstoredb', url: 'esdb://esdb:2113?tls=false' },
      logLevel: 'debug',
      publicWebUrl: 'https://glint.example',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(parsePlatformConfig({ DATABASE_URL: '', PORT: ' ' }, cwd)).toMatchObject({ databaseUrl: null, port: 3000 });
  });

  it.each([
    ['a port that is not a number', { PORT: 'abc' }, /PORT must be a TCP port, a whole number from 1 to 65535 \(got "abc"\)/],
    ['a port out of range', { EMBEDDED_POSTGRES_PORT: '70000' }, /EMBEDDED_POSTGRES_PORT must be a TCP port/],
    ['an unknown event store', { EVENT_STORE: 'mongo' }, /EVENT_STORE must be one of postgres, eventstoredb \(got "mongo"\)/],
    ['eventstoredb without its URL', { EVENT_STORE: 'eventstoredb' }, /EVENTSTORE_URL is required when EVENT_STORE=eventstoredb/],
    ['an EventStoreDB URL of the wrong kind', { EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'http://esdb:2113' }, /EVENTSTORE_URL must be a URL starting with esdb:\/\//],
    ['a database URL of the wrong kind', { DATABASE_URL: 'mysql://db/glint' }, /DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//],
    ['a Redis URL of the wrong kind', { REDIS_URL: 'localhost:6379' }, /REDIS_URL must be a URL starting with redis:\/\//],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, verbose \(got "loud"\)/],
    ['a public web address that is not http(s)', { PUBLIC_WEB_URL: 'glint.example' }, /PUBLIC_WEB_URL must be a URL starting with http:\/\/ or https:\/\//],
  ])('refuses %s, naming the variable', (_, env, message) => {
    expect(() => parsePlatformConfig(env, cwd)).toThrow(message);
  });

  it('names every bad variable in one message', () => {
    expect(() => parsePlatformConfig({ PORT: 'abc', EVENT_STORE: 'mongo' }, cwd)).toThrow(/PORT must be .*; EVENT_STORE must be /);
  });

  it('never repeats a URL back, since it may carry a password', () => {
    const refusal = (() => {
      try {
        parsePlatformConfig({ DATABASE_URL: 'mysql://glint:hunter2@db/glint' }, cwd);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(refusal).toMatch(/DATABASE_URL must be/);
    expect(refusal).not.toContain('hunter2');
  });
});
