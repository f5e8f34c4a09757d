import type { CommandBus } from '@nestjs/cqrs';
import { Client } from 'pg';
import { commandContext, systemActor } from '@glint/event-sourcing';
import { ChangeStreamMetadataCommand } from '../commands/change-stream-metadata';
import { EndStreamCommand } from '../commands/end-stream';
import type { StreamInfo } from '../events';

const LOCK_NAME = 'glint.gateway-lost-sweeper';
export const SWEEPER_ACTOR_ID = 'gateway-lost-sweeper';

export interface GatewayLostSweeperOptions {
  databaseUrl: string;
  commands: CommandBus;
  /** A gateway whose last heartbeat is older than this no longer holds its streams. */
  gatewayLostAfterMs: number;
  intervalMs: number;
  logger: { error(message: string): void };
}

interface ChannelInfoRow extends StreamInfo {
  stream_id: string;
}

/**
 * Ends the streams of gateways that stopped beating, so no stream stays live without a gateway
 * holding it, and keeps each live stream's title, category and tags those of its channel. Every
 * platform process runs one; a PostgreSQL session advisory lock makes one active at a time, and
 * when its process dies the session ends and another takes over on its next tick.
 *
 * The metadata is reconciled rather than reacted to: each tick compares the live listing with the
 * channel pages and sends a metadata change for each stream that differs. That needs no checkpoint of its own,
 * survives any crash, and a rebuild of a read model never replays old titles onto a live stream;
 * a metadata change records nothing when the stream already says it, so a listing that lags
 * behind the stream costs a read, not a duplicate event.
 */
export class GatewayLostSweeper {
  private session: Client | null = null;
  private locked = false;
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly options: GatewayLostSweeperOptions) {}

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
    await this.release();
  }

  /**
   * One tick's work, when this process holds the lock: the streams it ended and the streams whose
   * metadata it changed.
   */
  async sweep(): Promise<{ ended: string[]; changed: string[] } | null> {
    const session = await this.heldSession();
    if (!session) return null;
    const now = new Date();
    const lost = await session.query<{ stream_id: string }>(
      `SELECT ls.stream_id FROM live_streams ls LEFT JOIN gateway_heartbeats g ON g.gateway_id = ls.gateway_id
        WHERE g.gateway_id IS NULL OR g.beat_at <= now() - make_interval(secs => $1) ORDER BY ls.started_at`,
      [this.options.gatewayLostAfterMs / 1000],
    );
    const ended: string[] = [];
    for (const { stream_id } of lost.rows) {
      if (await this.options.commands.execute(new EndStreamCommand(stream_id, 'gateway_lost', this.context(now)))) ended.push(stream_id);
    }
    const stale = await session.query<ChannelInfoRow>(
      `SELECT ls.stream_id, cp.title, cp.category, cp.subcategory, ARRAY(SELECT jsonb_array_elements_text(cp.tags)) AS tags, cp.language, cp.mature
         FROM live_streams ls JOIN channel_page cp ON cp.channel_id = ls.channel_id::text
        WHERE (ls.title, ls.category, ls.subcategory, ls.tags, ls.language, ls.mature)
              IS DISTINCT FROM (cp.title, cp.category, cp.subcategory, ARRAY(SELECT jsonb_array_elements_text(cp.tags)), cp.language, cp.mature)`,
    );
    const changed: string[] = [];
    for (const { stream_id, ...info } of stale.rows) {
      if (await this.options.commands.execute(new ChangeStreamMetadataCommand(stream_id, info, this.context(now)))) changed.push(stream_id);
    }
    return { ended, changed };
  }

  private context(now: Date) {
    return commandContext(systemActor(SWEEPER_ACTOR_ID), { now });
  }

  private async loop(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await this.sweep();
      } catch (error) {
        this.options.logger.error(`The gateway-lost sweep failed and is tried again: ${error instanceof Error ? error.message : String(error)}`);
        // A broken session may still hold the lock on the server's side; a new one starts clean.
        await this.release();
      }
      await this.pause();
    }
  }

  /** This process's session, once it holds the lock; null while another process holds it. */
  private async heldSession(): Promise<Client | null> {
    if (!this.session) {
      const client = new Client({ connectionString: this.options.databaseUrl, keepAlive: true, application_name: 'glint-gateway-lost-sweeper' });
      client.on('error', () => undefined);
      // The lock lives as long as the session: once the session is gone the next tick locks anew.
      client.on('end', () => {
        if (this.session === client) void this.release();
      });
      await client.connect();
      this.session = client;
    }
    if (!this.locked) {
      const { rows } = await this.session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [LOCK_NAME]);
      this.locked = rows[0].locked;
    }
    return this.locked ? this.session : null;
  }

  private async release(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.locked = false;
    await session?.end().catch(() => undefined);
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.stopping.signal;
      if (signal.aborted) return resolve();
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', wake);
        resolve();
      }, this.options.intervalMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}
