import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The gateway's row in gateway_heartbeats: proof it still holds its streams (the worker ends the
 * streams of a gateway whose beat is older than GATEWAY_LOST_AFTER_MS) and where viewers of its
 * channels are redirected.
 */
export class GatewayHeartbeat {
  private readonly startedAt = new Date();
  /** When the last beat reached the database; null before the first. */
  lastBeatAt: Date | null = null;

  constructor(
    private readonly entityManager: () => EntityManager,
    private readonly gatewayId: string,
    private readonly baseUrl: string,
  ) {}

  async beat(): Promise<void> {
    await this.entityManager().execute(
      `INSERT INTO gateway_heartbeats (gateway_id, base_url, started_at, beat_at) VALUES (?, ?, ?, now())
       ON CONFLICT (gateway_id) DO UPDATE SET base_url = excluded.base_url, beat_at = now()`,
      [this.gatewayId, this.baseUrl, this.startedAt],
    );
    this.lastBeatAt = new Date();
  }

  /** A clean stop says so at once, rather than leaving the row to age out. */
  async stop(): Promise<void> {
    await this.entityManager().execute('DELETE FROM gateway_heartbeats WHERE gateway_id = ?', [this.gatewayId]);
  }
}
