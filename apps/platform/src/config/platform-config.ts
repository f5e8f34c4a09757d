import { isAbsolute, resolve } from 'node:path';
import { StartupFailure } from '../startup-failure';
import { DEFAULT_EMBEDDED_POSTGRES_PORT } from '@glint/database';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'];

export type EventStoreChoice = { kind: 'postgres' } | { kind: 'eventstoredb'; url: string };

/** Everything the platform reads from its environment, checked once at start. */
export interface PlatformConfig {
  port: number;
  /** Null: Glint runs its own embedded PostgreSQL with `embeddedPostgres`. */
  databaseUrl: string | null;
  embeddedPostgres: { port: number; dataDir: string };
  redisUrl: string;
  eventStore: EventStoreChoice;
  logLevel: LogLevel;
  /** Where Glint's web pages are reached from outside: links in mails point there. */
  publicWebUrl: string;
}

const DEFAULTS = {
  PORT: '3000',
  EMBEDDED_POSTGRES_PORT: String(DEFAULT_EMBEDDED_POSTGRES_PORT),
  EMBEDDED_POSTGRES_DATA_DIR: './.data/postgres',
  REDIS_URL: 'redis://127.0.0.1:6379',
  EVENT_STORE: 'postgres',
  LOG_LEVEL: 'info',
} as const;

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
    port: port('PORT'),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']) ?? null,
    embeddedPostgres: {
      port: port('EMBEDDED_POSTGRES_PORT'),
      dataDir: absolute(read('EMBEDDED_POSTGRES_DATA_DIR', DEFAULTS.EMBEDDED_POSTGRES_DATA_DIR) as string, cwd),
    },
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:'], DEFAULTS.REDIS_URL) ?? DEFAULTS.REDIS_URL,
    eventStore: { kind: 'postgres' },
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, DEFAULTS.LOG_LEVEL),
    publicWebUrl: '',
  };
  config.publicWebUrl = url('PUBLIC_WEB_URL', ['http:', 'https:'], `http://localhost:${config.port}`) ?? '';

  if (oneOf('EVENT_STORE', ['postgres', 'eventstoredb'] as const, DEFAULTS.EVENT_STORE) === 'eventstoredb') {
    const eventStoreUrl = url('EVENTSTORE_URL', ['esdb:', 'esdb+discover:']);
    if (eventStoreUrl) config.eventStore = { kind: 'eventstoredb', url: eventStoreUrl };
    else if (read('EVENTSTORE_URL') === undefined) problems.push('EVENTSTORE_URL is required when EVENT_STORE=eventstoredb (for example esdb://127.0.0.1:2113?tls=false)');
  }

  if (problems.length > 0) {
    throw new StartupFailure(`Glint cannot start: ${problems.join('; ')}. Fix the environment (or .env) and start again.`);
  }
  return config;
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
