import { parsePlatformConfig, type PlatformConfig } from './platform-config';

const cwd = '/srv/glint';

describe('platform configuration', () => {
  it('runs on defaults with nothing set: port 3000, embedded PostgreSQL under ./.data, local Redis', () => {
    expect(parsePlatformConfig({}, cwd)).toEqual<PlatformConfig>({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: null,
      embeddedPostgres: { port: 5433, dataDir: '/srv/glint/.data/postgres', dataDirChosen: false },
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
      mail: { url: null, from: 'Glint <no-reply@localhost>' },
      unfinishedRegistrationAfterMs: 600000,
      trustProxyHops: 0,
      throttles: {
        namespace: 'glint',
        signInPerAccount: { limit: 5, perSeconds: 900 },
        signInPerAddress: { limit: 20, perSeconds: 900 },
        signInLockout: { firstSeconds: 60, maxSeconds: 3600 },
        twoFactor: { limit: 5, perSeconds: 300 },
        registration: { limit: 10, perSeconds: 3600 },
        passwordReset: { limit: 5, perSeconds: 3600 },
        reports: { limit: 20, perSeconds: 3600 },
        tickets: { limit: 5, perSeconds: 3600 },
        appTokens: { limit: 20, perSeconds: 60 },
        follows: { limit: 30, perSeconds: 60 },
        socketConnections: { limit: 30, perSeconds: 60 },
        chatMessages: { limit: 20, perSeconds: 30 },
        gatewayRequests: { limit: 60, perSeconds: 10 },
      },
      payments: {
        currency: 'usd',
        maxAmountCents: 1000000,
        supporterPriceCents: 500,
        founderPriceCents: 2500,
        channelPriceCents: 500,
        channelFeeBasisPoints: 1000,
        donationMinCents: 100,
        donationMaxCents: 10000,
        giftDays: 30,
      },
    });
  });

  it('reads every variable', () => {
    expect(
      parsePlatformConfig(
        {
          HOST: '::',
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
          MAIL_URL: 'smtps://glint:secret@mail.glint.example:465',
          MAIL_FROM: 'Glint <hello@glint.example>',
          UNFINISHED_REGISTRATION_AFTER_MS: '120000',
          TRUST_PROXY_HOPS: '1',
          THROTTLE_NAMESPACE: 'staging',
          THROTTLE_SIGN_IN_PER_ACCOUNT: '3/10m',
          THROTTLE_SIGN_IN_PER_ADDRESS: '50 / 1h',
          THROTTLE_SIGN_IN_LOCKOUT: '30s',
          THROTTLE_SIGN_IN_LOCKOUT_MAX: '24h',
          THROTTLE_TWO_FACTOR: '4/2m',
          THROTTLE_REGISTRATION: '2/1h',
          THROTTLE_PASSWORD_RESET: '3/1h',
          THROTTLE_REPORTS: '10/1h',
          THROTTLE_TICKETS: '2/1h',
          THROTTLE_APP_TOKENS: '5/1m',
          THROTTLE_FOLLOWS: '10/1m',
          THROTTLE_SOCKET_CONNECTIONS: '100/1m',
          THROTTLE_CHAT_MESSAGES: '10/20s',
          THROTTLE_GATEWAY_REQUESTS: '120/10s',
        },
        cwd,
      ),
    ).toEqual<PlatformConfig>({
      host: '::',
      port: 8080,
      databaseUrl: 'postgres://glint:secret@db:5432/glint',
      embeddedPostgres: { port: 6543, dataDir: '/var/lib/glint', dataDirChosen: true },
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
      mail: { url: 'smtps://glint:secret@mail.glint.example:465', from: 'Glint <hello@glint.example>' },
      unfinishedRegistrationAfterMs: 120000,
      trustProxyHops: 1,
      throttles: {
        namespace: 'staging',
        signInPerAccount: { limit: 3, perSeconds: 600 },
        signInPerAddress: { limit: 50, perSeconds: 3600 },
        signInLockout: { firstSeconds: 30, maxSeconds: 86400 },
        twoFactor: { limit: 4, perSeconds: 120 },
        registration: { limit: 2, perSeconds: 3600 },
        passwordReset: { limit: 3, perSeconds: 3600 },
        reports: { limit: 10, perSeconds: 3600 },
        tickets: { limit: 2, perSeconds: 3600 },
        appTokens: { limit: 5, perSeconds: 60 },
        follows: { limit: 10, perSeconds: 60 },
        socketConnections: { limit: 100, perSeconds: 60 },
        chatMessages: { limit: 10, perSeconds: 20 },
        gatewayRequests: { limit: 120, perSeconds: 10 },
      },
      payments: {
        currency: 'usd',
        maxAmountCents: 1000000,
        supporterPriceCents: 500,
        founderPriceCents: 2500,
        channelPriceCents: 500,
        channelFeeBasisPoints: 1000,
        donationMinCents: 100,
        donationMaxCents: 10000,
        giftDays: 30,
      },
    });
  });

  it('reads prices, the channel fee and the money limits, and names every bad one', () => {
    expect(
      parsePlatformConfig({ PAYMENTS_CURRENCY: 'EUR', PAYMENTS_CHANNEL_PRICE_CENTS: '799', PAYMENTS_CHANNEL_FEE_BASIS_POINTS: '1250', PAYMENTS_GIFT_DAYS: '14' }, cwd).payments,
    ).toMatchObject({ currency: 'eur', channelPriceCents: 799, channelFeeBasisPoints: 1250, giftDays: 14 });
    expect(() =>
      parsePlatformConfig({ PAYMENTS_CURRENCY: 'dollars', PAYMENTS_CHANNEL_FEE_BASIS_POINTS: '10001', PAYMENTS_DONATION_MIN_CENTS: '500', PAYMENTS_DONATION_MAX_CENTS: '400', PAYMENTS_MAX_AMOUNT_CENTS: '1000', PAYMENTS_FOUNDER_PRICE_CENTS: '2500' }, cwd),
    ).toThrow(
      expect.objectContaining({
        problems: [
          'PAYMENTS_CHANNEL_FEE_BASIS_POINTS must be hundredths of a percent, a whole number from 0 to 10000 (got "10001")',
          'PAYMENTS_CURRENCY must be a three-letter currency code such as usd (got "dollars")',
          'PAYMENTS_DONATION_MAX_CENTS must be at least PAYMENTS_DONATION_MIN_CENTS',
          'PAYMENTS_FOUNDER_PRICE_CENTS must be at most PAYMENTS_MAX_AMOUNT_CENTS (1000)',
        ],
      }),
    );
  });

  it('sends mail from the public web address’s host unless told otherwise', () => {
    expect(parsePlatformConfig({ PUBLIC_WEB_URL: 'https://glint.example' }, cwd).mail).toEqual({ url: null, from: 'Glint <no-reply@glint.example>' });
  });

  it('listens on this machine alone unless told otherwise, and on every interface in production', () => {
    expect(parsePlatformConfig({}, cwd).host).toBe('127.0.0.1');
    expect(parsePlatformConfig({ NODE_ENV: 'production' }, cwd).host).toBe('0.0.0.0');
    expect(parsePlatformConfig({ NODE_ENV: 'production', HOST: '10.0.0.5' }, cwd).host).toBe('10.0.0.5');
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
    ['a mail server that is not SMTP', { MAIL_URL: 'https://mail.glint.example' }, /MAIL_URL must be a URL starting with smtp:\/\/ or smtps:\/\//],
    ['a sender that is no address', { MAIL_FROM: 'Glint' }, /MAIL_FROM must be an e-mail address/],
    ['a sender with a line break', { MAIL_FROM: 'Glint\r\nBcc: x@y.z <a@b.c>' }, /MAIL_FROM must be an e-mail address/],
    ['an unfinished-registration time under a second', { UNFINISHED_REGISTRATION_AFTER_MS: '10' }, /UNFINISHED_REGISTRATION_AFTER_MS must be milliseconds, a whole number from 1000 to 86400000/],
    ['a throttle without its window', { THROTTLE_REPORTS: '20' }, /THROTTLE_REPORTS must be a count per duration such as 5\/15m .*\(got "20"\)/],
    ['a throttle of no requests', { THROTTLE_FOLLOWS: '0/1m' }, /THROTTLE_FOLLOWS must be a count per duration/],
    ['a throttle window in an unknown unit', { THROTTLE_TICKETS: '5/1d' }, /THROTTLE_TICKETS must be a count per duration/],
    ['a throttle window over a day', { THROTTLE_REGISTRATION: '5/25h' }, /THROTTLE_REGISTRATION must be a count per duration/],
    ['a lock-out that is no duration', { THROTTLE_SIGN_IN_LOCKOUT: 'soon' }, /THROTTLE_SIGN_IN_LOCKOUT must be a duration from 1s to 24h/],
    ['a longest lock-out shorter than the first', { THROTTLE_SIGN_IN_LOCKOUT: '10m', THROTTLE_SIGN_IN_LOCKOUT_MAX: '5m' }, /THROTTLE_SIGN_IN_LOCKOUT_MAX must be at least THROTTLE_SIGN_IN_LOCKOUT/],
    ['a namespace with a colon', { THROTTLE_NAMESPACE: 'a:b' }, /THROTTLE_NAMESPACE must be 1 to 64 letters/],
    ['a listen address that is a name', { HOST: 'localhost' }, /HOST must be the IP address to listen on, such as 127.0.0.1 .*\(got "localhost"\)/],
    ['a proxy count that is not a number', { TRUST_PROXY_HOPS: 'yes' }, /TRUST_PROXY_HOPS must be a count of proxies, a whole number from 0 to 10/],
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
