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
      gateway: {
        enabled: true,
        id: expect.stringMatching(/^gateway-.+-[0-9a-f]{8}$/),
        udpPort: 8189,
        udpBindAddress: null,
        announcedAddresses: [],
        publicUrl: 'http://localhost:3000',
        publisherSilenceMs: 5000,
        firstMediaDeadlineMs: 15000,
        sampleIntervalMs: 10000,
        heartbeatIntervalMs: 1000,
        nackBufferPackets: 512,
        maxViewers: 2000,
      },
      gatewayLostAfterMs: 10000,
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
          GATEWAY: 'off',
          GATEWAY_ID: 'edge-1',
          GATEWAY_UDP_PORT: '40000',
          GATEWAY_UDP_BIND: '10.0.0.5',
          GATEWAY_ANNOUNCED_ADDRESSES: '203.0.113.7, 2001:db8::7',
          GATEWAY_PUBLIC_URL: 'https://edge-1.glint.example',
          GATEWAY_PUBLISHER_SILENCE_MS: '3000',
          GATEWAY_FIRST_MEDIA_DEADLINE_MS: '20000',
          GATEWAY_SAMPLE_INTERVAL_MS: '30000',
          GATEWAY_HEARTBEAT_MS: '500',
          GATEWAY_NACK_BUFFER_PACKETS: '1024',
          GATEWAY_MAX_VIEWERS: '300',
          GATEWAY_LOST_AFTER_MS: '5000',
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
      gateway: {
        enabled: false,
        id: 'edge-1',
        udpPort: 40000,
        udpBindAddress: '10.0.0.5',
        announcedAddresses: ['203.0.113.7', '2001:db8::7'],
        publicUrl: 'https://edge-1.glint.example',
        publisherSilenceMs: 3000,
        firstMediaDeadlineMs: 20000,
        sampleIntervalMs: 30000,
        heartbeatIntervalMs: 500,
        nackBufferPackets: 1024,
        maxViewers: 300,
      },
      gatewayLostAfterMs: 5000,
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
    ['a UDP port at or below 1024', { GATEWAY_UDP_PORT: '80' }, /GATEWAY_UDP_PORT must be a UDP port above 1024, a whole number from 1025 to 65535 \(got "80"\)/],
    ['an announced address that is not an IP address', { GATEWAY_ANNOUNCED_ADDRESSES: 'glint.example' }, /GATEWAY_ANNOUNCED_ADDRESSES must be IP addresses/],
    ['a gateway switch that is neither on nor off', { GATEWAY: 'yes' }, /GATEWAY must be one of on, off/],
    ['a lost-gateway time too close to the heartbeat', { GATEWAY_HEARTBEAT_MS: '1000', GATEWAY_LOST_AFTER_MS: '1500' }, /GATEWAY_LOST_AFTER_MS must be more than twice GATEWAY_HEARTBEAT_MS/],
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
