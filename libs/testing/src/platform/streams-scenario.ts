import type { EntityManager } from '@mikro-orm/postgresql';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { commandContext, systemActor, type CommandContext } from '@glint/event-sourcing';
import { EVENT_STORE } from '@glint/runtime';
import { EndStreamCommand, SampleStreamHealthCommand, SampleViewerCountCommand, StartStreamCommand, streamStreamName, type HealthSample, type StreamEndReason, type StreamHandle } from '@glint/streams';
import { ApiClient, expectStatus } from '../api-client';
import { readModels, type PlatformUnderTest } from './platform-under-test';
import type { GivenUser } from './given';

/**
 * Streams without media: the test stands in for a gateway, beating in `gateway_heartbeats` as a
 * gateway does and sending the streams' facts as the commands a gateway sends.
 */
export class StreamsScenario {
  readonly api: ApiClient;
  private readonly beating = new Set<string>();
  private readonly heart: NodeJS.Timeout;

  constructor(private readonly platform: PlatformUnderTest) {
    this.api = new ApiClient(platform.baseUrl);
    this.heart = setInterval(() => void this.beatAll(), 250);
  }

  private get commands(): CommandBus {
    return this.platform.app.get(CommandBus, { strict: false });
  }

  private get em(): EntityManager {
    return readModels(this.platform);
  }

  /** Opens the owner's channel with this info; answers its id. */
  async channel(owner: GivenUser, info: Record<string, unknown> = {}): Promise<string> {
    return expectStatus(await this.api.post('/api/channels', info, owner.token), 201, 'opening a channel').body.channel.channelId;
  }

  /** A gateway that beats every quarter second until told to stop. */
  async gateway(gatewayId: string): Promise<void> {
    this.beating.add(gatewayId);
    await this.em.execute(
      `INSERT INTO gateway_heartbeats (gateway_id, base_url, started_at, beat_at) VALUES (?, 'http://127.0.0.1:9', now(), now()) ON CONFLICT (gateway_id) DO UPDATE SET beat_at = now()`,
      [gatewayId],
      'run',
    );
  }

  /** The gateway dies: its last beat is `secondsAgo` old and no other comes. */
  async stopBeating(gatewayId: string, secondsAgo = 0): Promise<void> {
    this.beating.delete(gatewayId);
    await this.em.execute('UPDATE gateway_heartbeats SET beat_at = now() - make_interval(secs => ?) WHERE gateway_id = ?', [secondsAgo, gatewayId], 'run');
  }

  async start(channelId: string, gatewayId: string): Promise<StreamHandle> {
    return this.commands.execute(new StartStreamCommand(channelId, gatewayId, { video: 'H264', audio: 'opus' }, this.context()));
  }

  /** A viewer count sampled after `handle`; the handle the next sample goes after. */
  async viewers(handle: StreamHandle, current: number): Promise<StreamHandle> {
    return this.commands.execute(new SampleViewerCountCommand(handle, { current, peak: current, average: current, totalViews: current }, this.context()));
  }

  /** A health sample over a five-second period after `handle`; the handle the next sample goes after. */
  async health(handle: StreamHandle, sample: Partial<HealthSample> = {}): Promise<StreamHandle> {
    const sent: HealthSample = { bitrateKbps: 2500, packets: 1000, packetsLost: 0, nacks: 0, keyframeRequests: 0, width: 1280, height: 720, videoCodec: 'H264', audioCodec: 'opus', ...sample };
    return this.commands.execute(new SampleStreamHealthCommand(handle, sent, 5, this.context()));
  }

  /** Whether the stream ended now, rather than before. */
  async end(handle: StreamHandle, reason: StreamEndReason): Promise<boolean> {
    return this.commands.execute(new EndStreamCommand(handle.streamId, reason, this.context()));
  }

  async streamEvents(streamId: string): Promise<RecordedEvent[]> {
    return this.platform.app.get<EventStore>(EVENT_STORE, { strict: false }).readStream(streamStreamName(streamId));
  }

  /** The live listing's stream ids for this query, as anonymous reads it. */
  async listed(query = ''): Promise<string[]> {
    const listing = expectStatus(await this.api.get(`/api/streams/live?limit=100${query}`), 200, 'reading the live listing');
    return listing.body.items.map((stream: { streamId: string }) => stream.streamId);
  }

  close(): void {
    clearInterval(this.heart);
  }

  private context(): CommandContext {
    return commandContext(systemActor('test-gateway'), { correlationId: `streams-e2e-${Date.now()}` });
  }

  private async beatAll(): Promise<void> {
    if (this.beating.size === 0) return;
    await this.em.execute('UPDATE gateway_heartbeats SET beat_at = now() WHERE gateway_id = ANY(ARRAY(SELECT jsonb_array_elements_text(?::jsonb)))', [JSON.stringify([...this.beating])], 'run').catch(() => undefined);
  }
}
