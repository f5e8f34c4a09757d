import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { StartupFailure } from '../boot/startup-failure';
import { DEFAULT_EMBEDDED_POSTGRES_PORT } from '@glint/database';
import type { GatewaySettings } from './gateway-settings';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'];

export type EventStoreChoice = { kind: 'postgres' } | { kind: 'eventstoredb'; url: string };

/** Variables that are wrong or missing, every one named, so a person fixes them all in one go. */
export class InvalidConfiguration extends StartupFailure {
  constructor(readonly problems: readonly string[]) {
    super(`Glint cannot start: ${problems.join('; ')}. Fix the environment (or .env) and start again.`);
  }
}

/** Everything the platform reads from its environment, checked once at start. */
export interface PlatformConfig {
  /** The local address HTTP listens on: the machine alone unless asked (or in production). */
  host: string;
  port: number;
  /** Null: Glint runs its own embedded PostgreSQL with `embeddedPostgres`. */
  databaseUrl: string | null;
  /** `dataDirChosen`: EMBEDDED_POSTGRES_DATA_DIR was set, so the data stays exactly there or Glint does not start. */
  embeddedPostgres: { port: number; dataDir: string; dataDirChosen: boolean };
  redisUrl: string;
  eventStore: EventStoreChoice;
  logLevel: LogLevel;
  /** Where Glint's web pages are reached from outside: links in mails point there. */
  publicWebUrl: string;
  gateway: GatewayConfig;
  /** Stream ends after which the worker gives up on a gateway that stopped beating. */
  gatewayLostAfterMs: number;
  mail: MailSettings;
  /** A registration that claimed a username or an address but recorded nothing for this long is given up, its claims released. */
  unfinishedRegistrationAfterMs: number;
  /** Proxies in front of Glint whose X-Forwarded-For is believed: 0 takes the peer's address as the client's. */
  trustProxyHops: number;
  throttles: ThrottleLimits;
  payments: PaymentsSettings;
}

/**
 * What Glint sells and for how much (PAYMENTS_*), in integer cents of the one currency. Each
 * subscription records the price and fee rate it started with, so changing these never rewrites
 * what was sold before.
 */
export interface PaymentsSettings {
  /** ISO 4217 code in lower case, as Stripe spells it. */
  currency: string;
  /** No amount of money Glint records may exceed this. */
  maxAmountCents: number;
  supporterPriceCents: number;
  founderPriceCents: number;
  channelPriceCents: number;
  /** The platform's share of a channel subscription, in hundredths of a percent (1000 = 10%), truncated to the cent. */
  channelFeeBasisPoints: number;
  donationMinCents: number;
  donationMaxCents: number;
  /** How long a gift subscription lasts; it never renews by itself. */
  giftDays: number;
}

/** An allowance: `limit` in a window of `perSeconds` that opens with the first one counted. */
export interface RateRule {
  limit: number;
  perSeconds: number;
}

/** The throttles' limits (THROTTLE_*), each counted in Redis across every process. */
export interface ThrottleLimits {
  /** Keeps apart the counters of deployments that share one Redis. */
  namespace: string;
  /** Wrong passwords for one account before it is locked. */
  signInPerAccount: RateRule;
  /** Wrong passwords from one client address before it is locked. */
  signInPerAddress: RateRule;
  /** The first lock-out; each lock-out after it within a day lasts twice as long, up to `maxSeconds`. */
  signInLockout: { firstSeconds: number; maxSeconds: number };
  /** Wrong two-factor codes for one account. */
  twoFactor: RateRule;
  registration: RateRule;
  passwordReset: RateRule;
  reports: RateRule;
  tickets: RateRule;
  appTokens: RateRule;
  follows: RateRule;
  socketConnections: RateRule;
  chatMessages: RateRule;
  gatewayRequests: RateRule;
}

/** The WHIP/WHEP gateway's settings (GATEWAY_*). */
export type GatewayConfig = GatewaySettings;

/** How mail leaves (MAIL_*). */
export interface MailSettings {
  /** `smtp://` or `smtps://` of the mail server; null keeps mails in the development mailbox. */
  url: string | null;
  /** The From of every mail: an address, or `Name <address>`. */
  from: string;
}

const DEFAULTS = {
  HOST: '127.0.0.1',
  /** With NODE_ENV=production (the container image): every interface, or nothing could reach it. */
  HOST_IN_PRODUCTION: '0.0.0.0',
  PORT: '3000',
  EMBEDDED_POSTGRES_PORT: String(DEFAULT_EMBEDDED_POSTGRES_PORT),
  EMBEDDED_POSTGRES_DATA_DIR: './.data/postgres',
  REDIS_URL: 'redis://127.0.0.1:6379',
  EVENT_STORE: 'postgres',
  LOG_LEVEL: 'info',
  GATEWAY: 'on',
  GATEWAY_UDP_PORT: '8189',
  GATEWAY_PUBLISHER_SILENCE_MS: '5000',
  GATEWAY_FIRST_MEDIA_DEADLINE_MS: '15000',
  GATEWAY_SAMPLE_INTERVAL_MS: '10000',
  GATEWAY_HEARTBEAT_MS: '1000',
  GATEWAY_LOST_AFTER_MS: '10000',
  GATEWAY_NACK_BUFFER_PACKETS: '512',
  GATEWAY_MAX_VIEWERS: '2000',
  UNFINISHED_REGISTRATION_AFTER_MS: '600000',
  TRUST_PROXY_HOPS: '0',
  THROTTLE_NAMESPACE: 'glint',
  THROTTLE_SIGN_IN_PER_ACCOUNT: '5/15m',
  THROTTLE_SIGN_IN_PER_ADDRESS: '20/15m',
  THROTTLE_SIGN_IN_LOCKOUT: '1m',
  THROTTLE_SIGN_IN_LOCKOUT_MAX: '1h',
  THROTTLE_TWO_FACTOR: '5/5m',
  THROTTLE_REGISTRATION: '10/1h',
  THROTTLE_PASSWORD_RESET: '5/1h',
  THROTTLE_REPORTS: '20/1h',
  THROTTLE_TICKETS: '5/1h',
  THROTTLE_APP_TOKENS: '20/1m',
  THROTTLE_FOLLOWS: '30/1m',
  THROTTLE_SOCKET_CONNECTIONS: '30/1m',
  THROTTLE_CHAT_MESSAGES: '20/30s',
  THROTTLE_GATEWAY_REQUESTS: '60/10s',
  PAYMENTS_CURRENCY: 'usd',
  PAYMENTS_MAX_AMOUNT_CENTS: '1000000',
  PAYMENTS_SUPPORTER_PRICE_CENTS: '500',
  PAYMENTS_FOUNDER_PRICE_CENTS: '2500',
  PAYMENTS_CHANNEL_PRICE_CENTS: '500',
  PAYMENTS_CHANNEL_FEE_BASIS_POINTS: '1000',
  PAYMENTS_DONATION_MIN_CENTS: '100',
  PAYMENTS_DONATION_MAX_CENTS: '10000',
  PAYMENTS_GIFT_DAYS: '30',
} as const;

const SECONDS_PER: Record<string, number> = { s: 1, m: 60, h: 3600 };
/** A throttle's window or lock-out is at most a day: longer is a ban, which staff decide. */
const LONGEST_THROTTLE_SECONDS = 24 * 3600;

/** `a@b.c` or `Name <a@b.c>`: what SMTP servers accept as the sender. */
const MAIL_FROM_PATTERN = /^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

type Environment = Record<string, unknown>;

/**
 * Reads the platform's variables from `env` and reports every bad one in a single message, so a
 * person fixes them all in one go. URL values are never echoed back: they may carry passwords.
 */
export function parsePlatformConfig(env: Environment, cwd: string = process.cwd()): PlatformConfig {
  const problems: string[] = [];
  const read = (name: string, fallback?: string): string | undefined => {
    const value = env[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
  };

  const port = (name: 'PORT' | 'EMBEDDED_POSTGRES_PORT'): number => {
    const raw = read(name, DEFAULTS[name]) as string;
    const value = Number(raw);
    if (/^\d+$/.test(raw) && value >= 1 && value <= 65535) return value;
    problems.push(`${name} must be a TCP port, a whole number from 1 to 65535 (got "${raw}")`);
    return 0;
  };

  const whole = (name: keyof typeof DEFAULTS, min: number, max: number, what: string): number => {
    const raw = read(name, DEFAULTS[name]) as string;
    const value = Number(raw);
    if (/^\d+$/.test(raw) && value >= min && value <= max) return value;
    problems.push(`${name} must be ${what}, a whole number from ${min} to ${max} (got "${raw}")`);
    return Number(DEFAULTS[name]);
  };

  const duration = (name: keyof typeof DEFAULTS): number => {
    const raw = read(name, DEFAULTS[name]) as string;
    const value = secondsOf(raw);
    if (value !== null) return value;
    problems.push(`${name} must be a duration from 1s to 24h, a whole number then s, m or h (got "${raw}")`);
    return secondsOf(DEFAULTS[name]) as number;
  };

  const rate = (name: keyof typeof DEFAULTS): RateRule => {
    const raw = read(name, DEFAULTS[name]) as string;
    const [, count, window] = /^(\d+)\s*\/\s*(\S+)$/.exec(raw) ?? [];
    const limit = Number(count);
    const perSeconds = window === undefined ? null : secondsOf(window);
    if (limit >= 1 && limit <= 1_000_000 && perSeconds !== null) return { limit, perSeconds };
    problems.push(`${name} must be a count per duration such as 5/15m (1 to 1000000, then 1s to 24h in s, m or h) (got "${raw}")`);
    const [fallbackCount, fallbackWindow] = DEFAULTS[name].split('/');
    return { limit: Number(fallbackCount), perSeconds: secondsOf(fallbackWindow) as number };
  };

  const url = (name: string, protocols: string[], fallback?: string): string | undefined => {
    const raw = read(name, fallback);
    if (raw === undefined) return undefined;
    if (protocols.some((protocol) => raw.startsWith(`${protocol}//`)) && URL.canParse(raw)) return raw;
    problems.push(`${name} must be a URL starting with ${protocols.map((protocol) => `${protocol}//`).join(' or ')}`);
    return undefined;
  };

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = read(name, fallback) as string;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  };

  const config: PlatformConfig = {
    host: read('HOST', read('NODE_ENV') === 'production' ? DEFAULTS.HOST_IN_PRODUCTION : DEFAULTS.HOST) as string,
    port: port('PORT'),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']) ?? null,
    embeddedPostgres: {
      port: port('EMBEDDED_POSTGRES_PORT'),
      dataDir: absolute(read('EMBEDDED_POSTGRES_DATA_DIR', DEFAULTS.EMBEDDED_POSTGRES_DATA_DIR) as string, cwd),
      dataDirChosen: read('EMBEDDED_POSTGRES_DATA_DIR') !== undefined,
    },
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:'], DEFAULTS.REDIS_URL) ?? DEFAULTS.REDIS_URL,
    eventStore: { kind: 'postgres' },
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, DEFAULTS.LOG_LEVEL),
    publicWebUrl: '',
    gateway: {
      enabled: oneOf('GATEWAY', ['on', 'off'] as const, DEFAULTS.GATEWAY) === 'on',
      id: read('GATEWAY_ID') ?? `gateway-${hostname()}-${randomBytes(4).toString('hex')}`,
      udpPort: whole('GATEWAY_UDP_PORT', 1025, 65535, 'a UDP port above 1024'),
      udpBindAddress: read('GATEWAY_UDP_BIND') ?? null,
      announcedAddresses: (read('GATEWAY_ANNOUNCED_ADDRESSES') ?? '').split(',').map((address) => address.trim()).filter(Boolean),
      publicUrl: '',
      publisherSilenceMs: whole('GATEWAY_PUBLISHER_SILENCE_MS', 500, 60_000, 'milliseconds'),
      firstMediaDeadlineMs: whole('GATEWAY_FIRST_MEDIA_DEADLINE_MS', 1_000, 120_000, 'milliseconds'),
      sampleIntervalMs: whole('GATEWAY_SAMPLE_INTERVAL_MS', 1_000, 300_000, 'milliseconds'),
      heartbeatIntervalMs: whole('GATEWAY_HEARTBEAT_MS', 100, 10_000, 'milliseconds'),
      nackBufferPackets: whole('GATEWAY_NACK_BUFFER_PACKETS', 16, 8192, 'a packet count'),
      maxViewers: whole('GATEWAY_MAX_VIEWERS', 1, 100_000, 'a viewer count'),
    },
    gatewayLostAfterMs: whole('GATEWAY_LOST_AFTER_MS', 1_000, 120_000, 'milliseconds'),
    mail: { url: url('MAIL_URL', ['smtp:', 'smtps:']) ?? null, from: '' },
    unfinishedRegistrationAfterMs: whole('UNFINISHED_REGISTRATION_AFTER_MS', 1_000, 86_400_000, 'milliseconds'),
    trustProxyHops: whole('TRUST_PROXY_HOPS', 0, 10, 'a count of proxies'),
    throttles: {
      namespace: read('THROTTLE_NAMESPACE', DEFAULTS.THROTTLE_NAMESPACE) as string,
      signInPerAccount: rate('THROTTLE_SIGN_IN_PER_ACCOUNT'),
      signInPerAddress: rate('THROTTLE_SIGN_IN_PER_ADDRESS'),
      signInLockout: { firstSeconds: duration('THROTTLE_SIGN_IN_LOCKOUT'), maxSeconds: duration('THROTTLE_SIGN_IN_LOCKOUT_MAX') },
      twoFactor: rate('THROTTLE_TWO_FACTOR'),
      registration: rate('THROTTLE_REGISTRATION'),
      passwordReset: rate('THROTTLE_PASSWORD_RESET'),
      reports: rate('THROTTLE_REPORTS'),
      tickets: rate('THROTTLE_TICKETS'),
      appTokens: rate('THROTTLE_APP_TOKENS'),
      follows: rate('THROTTLE_FOLLOWS'),
      socketConnections: rate('THROTTLE_SOCKET_CONNECTIONS'),
      chatMessages: rate('THROTTLE_CHAT_MESSAGES'),
      gatewayRequests: rate('THROTTLE_GATEWAY_REQUESTS'),
    },
    payments: {
      currency: (read('PAYMENTS_CURRENCY', DEFAULTS.PAYMENTS_CURRENCY) as string).toLowerCase(),
      maxAmountCents: whole('PAYMENTS_MAX_AMOUNT_CENTS', 1, 100_000_000, 'cents'),
      supporterPriceCents: whole('PAYMENTS_SUPPORTER_PRICE_CENTS', 1, 100_000_000, 'cents'),
      founderPriceCents: whole('PAYMENTS_FOUNDER_PRICE_CENTS', 1, 100_000_000, 'cents'),
      channelPriceCents: whole('PAYMENTS_CHANNEL_PRICE_CENTS', 1, 100_000_000, 'cents'),
      channelFeeBasisPoints: whole('PAYMENTS_CHANNEL_FEE_BASIS_POINTS', 0, 10_000, 'hundredths of a percent'),
      donationMinCents: whole('PAYMENTS_DONATION_MIN_CENTS', 1, 100_000_000, 'cents'),
      donationMaxCents: whole('PAYMENTS_DONATION_MAX_CENTS', 1, 100_000_000, 'cents'),
      giftDays: whole('PAYMENTS_GIFT_DAYS', 1, 366, 'days'),
    },
  };
  config.publicWebUrl = url('PUBLIC_WEB_URL', ['http:', 'https:'], `http://localhost:${config.port}`) ?? '';
  config.gateway.publicUrl = url('GATEWAY_PUBLIC_URL', ['http:', 'https:'], config.publicWebUrl) ?? '';
  config.mail.from = read('MAIL_FROM') ?? `Glint <no-reply@${config.publicWebUrl ? new URL(config.publicWebUrl).hostname : 'localhost'}>`;
  if (!MAIL_FROM_PATTERN.test(config.mail.from)) problems.push(`MAIL_FROM must be an e-mail address, or a name and one as Glint <no-reply@glint.example> (got "${config.mail.from}")`);
  for (const address of config.gateway.announcedAddresses) {
    if (isIP(address) === 0) problems.push(`GATEWAY_ANNOUNCED_ADDRESSES must be IP addresses separated by commas (got "${address}")`);
  }
  if (isIP(config.host) === 0) problems.push(`HOST must be the IP address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface) (got "${config.host}")`);
  if (config.gateway.udpBindAddress !== null && isIP(config.gateway.udpBindAddress) === 0) problems.push(`GATEWAY_UDP_BIND must be an IP address (got "${config.gateway.udpBindAddress}")`);
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(config.throttles.namespace)) problems.push('THROTTLE_NAMESPACE must be 1 to 64 letters, digits, dots, dashes or underscores');
  if (config.throttles.signInLockout.maxSeconds < config.throttles.signInLockout.firstSeconds) problems.push('THROTTLE_SIGN_IN_LOCKOUT_MAX must be at least THROTTLE_SIGN_IN_LOCKOUT');
  const { payments } = config;
  if (!/^[a-z]{3}$/.test(payments.currency)) problems.push(`PAYMENTS_CURRENCY must be a three-letter currency code such as usd (got "${payments.currency}")`);
  if (payments.donationMaxCents < payments.donationMinCents) problems.push('PAYMENTS_DONATION_MAX_CENTS must be at least PAYMENTS_DONATION_MIN_CENTS');
  for (const [name, cents] of [
    ['PAYMENTS_SUPPORTER_PRICE_CENTS', payments.supporterPriceCents],
    ['PAYMENTS_FOUNDER_PRICE_CENTS', payments.founderPriceCents],
    ['PAYMENTS_CHANNEL_PRICE_CENTS', payments.channelPriceCents],
    ['PAYMENTS_DONATION_MAX_CENTS', payments.donationMaxCents],
  ] as const) {
    if (cents > payments.maxAmountCents) problems.push(`${name} must be at most PAYMENTS_MAX_AMOUNT_CENTS (${payments.maxAmountCents})`);
  }
  if (config.gatewayLostAfterMs <= config.gateway.heartbeatIntervalMs * 2) problems.push('GATEWAY_LOST_AFTER_MS must be more than twice GATEWAY_HEARTBEAT_MS, or a late beat ends live streams');

  if (oneOf('EVENT_STORE', ['postgres', 'eventstoredb'] as const, DEFAULTS.EVENT_STORE) === 'eventstoredb') {
    const eventStoreUrl = url('EVENTSTORE_URL', ['esdb:', 'esdb+discover:']);
    if (eventStoreUrl) config.eventStore = { kind: 'eventstoredb', url: eventStoreUrl };
    else if (read('EVENTSTORE_URL') === undefined) problems.push('EVENTSTORE_URL is required when EVENT_STORE=eventstoredb (for example esdb://127.0.0.1:2113?tls=false)');
  }

  if (problems.length > 0) throw new InvalidConfiguration(problems);
  return config;
}

/** `90s`, `15m`, `1h` in seconds; null when it is not one, or out of a throttle's range. */
function secondsOf(raw: string): number | null {
  const match = /^(\d+)\s*([smh])$/.exec(raw);
  const value = match ? Number(match[1]) * SECONDS_PER[match[2]] : 0;
  return value >= 1 && value <= LONGEST_THROTTLE_SECONDS ? value : null;
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
