import type { AddressInfo } from 'node:net';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PlatformConfig } from '../config/platform-config';
import type { JsonLogger } from '../logging/json-logger';
import { measureRequests } from '../metrics/request-metrics';
import { logRequests } from '../logging/request-log';
import { limitJsonNesting, readSocketFrame } from './json-nesting-limit';
import { openRuntimeResources, type RuntimeResources } from './runtime-resources';
import { StartupFailure } from './startup-failure';

/** Larger bodies are refused (413) before any route reads them. */
const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;

/** What Nest's adapter dispatches: nothing for a frame it cannot read. */
function frameOf(reading: ReturnType<typeof readSocketFrame>): { event: string; data: unknown } | void {
  if ('frame' in reading && reading.frame !== null && typeof reading.frame === 'object') return reading.frame as { event: string; data: unknown };
}

/** A start failure Nest has already logged, so it is not printed twice. */
export class ReportedByNest extends Error {
  constructor(options: { cause: unknown }) {
    super('Nest could not build the application', options);
  }
}

export interface StartedHttpApp {
  app: NestFastifyApplication;
  config: PlatformConfig;
  logger: JsonLogger;
  /** Where the server listens, as it bound (`http://127.0.0.1:3000`, `http://[::]:3000`). */
  url: string;
}

export interface HttpAppDefinition {
  /** Variables that win over the environment (tests run several platforms in one process). */
  overrides?: Record<string, string>;
  /** What Nest runs, around the resources opened at start. */
  module(resources: RuntimeResources): DynamicModule;
  /**
   * Fastify hooks that must exist before Nest adds its routes (a cache answered ahead of them); the
   * function it returns is given the built app, before it listens.
   */
  prepareAdapter?(adapter: FastifyAdapter, logger: JsonLogger): (app: NestFastifyApplication) => void;
  /** After the app is built and before it listens (the API docs). */
  beforeListen?(app: NestFastifyApplication): void;
}

/**
 * Starts an HTTP process of Glint (the platform, a gateway run alone): configuration, Redis, the
 * database (embedded when DATABASE_URL is unset), then Nest builds the modules on Fastify with
 * WebSockets and listens on PORT. What was opened is released when a later step fails.
 */
export async function startHttpApp(definition: HttpAppDefinition): Promise<StartedHttpApp> {
  const resources = await openRuntimeResources({ overrides: definition.overrides, redis: true, embeddedDatabase: 'start' });
  const { config, logger } = resources;
  // Fastify rather than Express: it serves a read such as the channel page several times faster.
  // Behind proxies, `request.ip` is the client's address as the trusted ones forwarded it.
  const adapter = new FastifyAdapter({ bodyLimit: REQUEST_BODY_LIMIT_BYTES, ...(config.trustProxyHops > 0 ? { trustProxy: config.trustProxyHops } : {}) });
  limitJsonNesting(adapter.getInstance());
  logRequests(adapter.getInstance(), logger);
  measureRequests(adapter.getInstance(), resources.metrics);
  const adapterPrepared = definition.prepareAdapter?.(adapter, logger);
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(definition.module(resources), adapter, { logger, abortOnError: false });
  } catch (error) {
    // Nest has logged why; release what was opened before it.
    resources.redis?.disconnect();
    await resources.database.stop();
    throw new ReportedByNest({ cause: error });
  }
  adapterPrepared?.(app);
  definition.beforeListen?.(app);
  // A frame nested too deep is never parsed; the socket that got it answers it (`answerUnknownFrames`).
  app.useWebSocketAdapter(new WsAdapter(app, { messageParser: (data) => frameOf(readSocketFrame(data)) }));
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupFailure(`Port ${config.port} is already in use on ${config.host} — stop what listens there or set PORT.`);
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') {
      throw new StartupFailure(`HOST ${config.host} is not an address of this machine — set HOST to one of its addresses, or 0.0.0.0 for every interface.`);
    }
    throw error;
  }
  return { app, config, logger, url: listeningUrl(app.getHttpServer().address()) };
}

/** The address a server bound, as a URL: an IPv6 address in brackets. */
export function listeningUrl(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') throw new Error(`The HTTP server is not listening on a TCP port (${String(address)}).`);
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}
