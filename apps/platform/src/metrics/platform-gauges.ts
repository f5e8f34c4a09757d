import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { GatewaySessions } from '@glint/gateway';
import type { ProjectionEngine } from '@glint/projection-engine';
import { PLATFORM_METRICS, PROJECTION_ENGINE, type PlatformMetrics } from '@glint/runtime';

/**
 * What the platform holds, read when /metrics is scraped: how far each projection and reactor
 * trails the log (and whether it is paused), and what the gateway serves, per live channel. A
 * channel's series ends with its stream, so its packet counts only ever grow while it lasts.
 */
@Injectable()
export class PlatformGauges implements OnModuleInit {
  constructor(
    @Inject(PLATFORM_METRICS) private readonly metrics: PlatformMetrics,
    @Inject(PROJECTION_ENGINE) private readonly engine: Pick<ProjectionEngine, 'lag'>,
    private readonly gateway: GatewaySessions,
  ) {}

  onModuleInit(): void {
    const lag = () => this.engine.lag();
    this.metrics.gauge({
      name: 'glint_projection_events_behind',
      help: 'Events of the log a projection or reactor has not applied yet.',
      labelNames: ['projection'],
      read: async () => (await lag()).map((consumer) => ({ labels: { projection: consumer.name }, value: consumer.eventsBehind })),
    });
    this.metrics.gauge({
      name: 'glint_projection_seconds_behind',
      help: 'Age in seconds of the oldest event a projection or reactor has not applied yet; 0 when caught up.',
      labelNames: ['projection'],
      read: async () => (await lag()).map((consumer) => ({ labels: { projection: consumer.name }, value: consumer.secondsBehind })),
    });
    this.metrics.gauge({
      name: 'glint_projection_paused',
      help: '1 while a projection or reactor is paused after a failed batch, 0 otherwise.',
      labelNames: ['projection'],
      read: async () => (await lag()).map((consumer) => ({ labels: { projection: consumer.name }, value: consumer.paused ? 1 : 0 })),
    });

    const live = () => this.gateway.all();
    this.metrics.gauge({
      name: 'glint_gateway_publishers',
      help: 'Channels published to this gateway now.',
      labelNames: [],
      read: () => [{ labels: {}, value: this.gateway.status().publishers }],
    });
    this.metrics.gauge({
      name: 'glint_gateway_viewers',
      help: 'Viewers of each channel on this gateway now; connected ones are those media is sent to.',
      labelNames: ['channel', 'state'],
      read: () =>
        live().flatMap(({ channelId, broadcast }) => [
          { labels: { channel: channelId, state: 'all' }, value: broadcast.viewerCount },
          { labels: { channel: channelId, state: 'connected' }, value: broadcast.connectedViewerCount },
        ]),
    });
    this.metrics.gauge({
      name: 'glint_gateway_packets_received',
      help: 'Media packets received from each channel’s publisher since it connected.',
      labelNames: ['channel'],
      read: () => live().map(({ channelId, broadcast }) => ({ labels: { channel: channelId }, value: broadcast.counters.packets })),
    });
    this.metrics.gauge({
      name: 'glint_gateway_packets_lost',
      help: 'Media packets from each channel’s publisher that never arrived, by their sequence numbers, since it connected.',
      labelNames: ['channel'],
      read: () => live().map(({ channelId, broadcast }) => ({ labels: { channel: channelId }, value: broadcast.counters.lost })),
    });
  }
}
