import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { EVENT_STORE, STREAM_RECORDER } from '@glint/runtime';
import { streamStreamName, type StreamHandle, type StreamRecorder } from '@glint/streams';
import { commandContext, systemActor } from '@glint/event-sourcing';
import { ApiClient, expectStatus } from '../api-client';
import { readModels, type PlatformUnderTest } from './platform-under-test';
import type { GivenUser } from './given';

/**
 * Streams without media: the test stands in for a gateway, beating in `gateway_heartbeats` as a
 * gateway does and recording the streams' facts through the platform's own recorder.
 */
export class StreamsScenario {
  readonly api: ApiClient;
  private readonly beating = new Set<string>();
  private readonly heart: NodeJS.Timeout;

  constructor(private readonly platform: PlatformUnderTest) {
    this.api = new ApiClient(platform.baseUrl);
    this.heart = setInterval(() => void this.beatAll(), 250);
  }

  get recorder(): StreamRecorder {
    return this.platform.app.get<StreamRecorder>(STREAM_RECORDER, { strict: false });
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
    return this.recorder.start({ channelId, gatewayId, media: { video: 'H264', audio: 'opus' } }, this.context());
  }

  async viewers(handle: StreamHandle, current: number): Promise<void> {
    await this.recorder.sample(handle, { type: 'SampleViewerCount', sample: { current, peak: current, average: current, totalViews: current }, at: new Date() }, this.context());
  }

  context() {
    return commandContext(systemActor('test-gateway'), { now: new Date(), correlationId: `streams-e2e-${Date.now()}` });
  }

  async streamEvents(streamId: string): Promise<RecordedEvent[]> {
    return this.platform.app.get<EventStore>(EVENT_STORE, { strict: false }).readStream(streamStreamName(streamId));
  }

  /** The live listing's stream ids for this query, as anonymous reads it. */
  async listed(query = ''): Promise<string[]> {
    const listing = expectStatus(await this.api.get(`/api/streams/live?limit=100${query}`), 200, 'reading the live listing');
    return listing.body.streams.map((stream: { streamId: string }) => stream.streamId);
  }

  close(): void {
    clearInterval(this.heart);
  }

  private async beatAll(): Promise<void> {
    if (this.beating.size === 0) return;
    await this.em.execute('UPDATE gateway_heartbeats SET beat_at = now() WHERE gateway_id = ANY(ARRAY(SELECT jsonb_array_elements_text(?::jsonb)))', [JSON.stringify([...this.beating])], 'run').catch(() => undefined);
  }
}
