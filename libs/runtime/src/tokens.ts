import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * What the process running a context provides to it, by injection token. A context asks for what
 * it needs and never reaches into the process that runs it.
 */

/** The `EventStore` port. */
export const EVENT_STORE = Symbol('EventStore');
/** `EventSourcedStreams` over the event store: the load–decide–append loop. */
export const EVENT_SOURCED_STREAMS = Symbol('EventSourcedStreams');
/** `ReadModels`: queries on the read-model tables, and waits for them to show the log. */
export const READ_MODELS = Symbol('ReadModels');
/** The `PersonalDataVault` that seals personal fields with per-user keys. */
export const PERSONAL_DATA = Symbol('PersonalDataVault');
/** An ioredis client for commands; a subscriber makes its own with `duplicate()`. */
export const REDIS = Symbol('Redis');
/** The process's `PlatformMetrics`: counters and histograms to bump, gauges to register, served at /metrics. */
export const PLATFORM_METRICS = Symbol('PlatformMetrics');
/** The `http(s)://` address of Glint's web pages (PUBLIC_WEB_URL): links in mails point there. */
export const PUBLIC_WEB_URL = Symbol('PublicWebUrl');

export interface ReadModels {
  /** An EntityManager of its own, for one query or one request. */
  entityManager(): EntityManager;
  /**
   * Resolves once every read model that handles one of `eventTypes` (`all`: every read model) shows
   * the log up to `position`, so the caller's next read sees it. A command that reads its own write
   * asks `EventSourcedStreams` for `readYourWrites` instead; this is for a read that must see the
   * log as it stands (pass the head's position).
   */
  waitFor(eventTypes: readonly string[] | 'all', position: number): Promise<void>;
  /** Applies the log up to `position` to the named projection: for tools and tests that name a read model. */
  catchUp(projectionName: string, position: number): Promise<number>;
}

/** The WHIP/WHEP gateway's settings (`GatewaySettings`, from GATEWAY_*). */
export const GATEWAY_SETTINGS = Symbol('GatewaySettings');
/** Milliseconds without a heartbeat after which a gateway's streams are ended (GATEWAY_LOST_AFTER_MS). */
export const GATEWAY_LOST_AFTER_MS = Symbol('GatewayLostAfterMs');
