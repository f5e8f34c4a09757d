import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { until } from '../waiting';
import { EVENT_STORE } from '@glint/runtime';
import { GatewaySessions } from '@glint/gateway';
import { streamIdOf, streamStreamName } from '@glint/streams';
import { SyntheticPublisher, SyntheticViewer, type Exchange } from './synthetic-peers';
import { ApiClient, expectStatus, type ApiResponse } from '../api-client';
import type { Given, GivenUser } from '../platform/given';
import type { PlatformUnderTest } from '../platform/platform-under-test';

export interface Channel {
  owner: GivenUser;
  /** The channel's id is its owner's user id. */
  channelId: string;
  username: string;
  streamKey: string;
}

/** One WebRTC session made over WHIP or WHEP: the peer and the resource that ends it. */
export interface Session<Peer> {
  peer: Peer;
  location: string;
}

/** A publisher's session, with what an encoder that trickles keeps: its offer, and the ETag a PATCH must name. */
export interface PublishingSession extends Session<SyntheticPublisher> {
  offer: string;
  etag: string;
}

/** Channels, encoders and players against a running platform, through the gateway's HTTP endpoints only. */
export class GatewayScenario {
  readonly api: ApiClient;

  constructor(
    readonly platform: PlatformUnderTest,
    private readonly given: Given,
  ) {
    this.api = new ApiClient(platform.baseUrl);
  }

  async channel(title = 'Speedrunning at dawn'): Promise<Channel> {
    const owner = await this.given.user();
    const created = expectStatus(await this.api.post('/api/channels', { title, tags: ['speedrun'] }, owner.token), 201, 'creating a channel');
    return { owner, channelId: owner.userId, username: owner.username, streamKey: created.body.streamKey };
  }

  /** Replaces the channel's stream key; the old one is returned so a test can try it. */
  async rotateKey(channel: Channel): Promise<string> {
    const rotated = expectStatus(await this.api.post(`/api/channels/${channel.username}/stream-key`, undefined, channel.owner.token), 200, 'rotating the stream key');
    const old = channel.streamKey;
    channel.streamKey = rotated.body.streamKey;
    return old;
  }

  /** An encoder publishing as OBS does: its offer carries no ICE candidates. */
  async publish(channel: Channel): Promise<PublishingSession> {
    const made = { location: '', offer: '', etag: '' };
    const peer = await SyntheticPublisher.connect(this.exchange(`/whip/${channel.username}`, channel.streamKey, made), { withoutCandidates: true, bindAddress: '127.0.0.1' });
    return { peer, ...made };
  }

  async watch(channel: Channel): Promise<Session<SyntheticViewer>> {
    const made = { location: '', offer: '', etag: '' };
    const peer = await SyntheticViewer.connect(this.exchange(`/whep/${channel.username}`, undefined, made), { bindAddress: '127.0.0.1' });
    return { peer, location: made.location };
  }

  /**
   * Until the gateway sends media to `count` viewers: a player's side of the connection can be open
   * before the gateway's callback saying so has run, and a key frame sent in between passes it by.
   */
  async viewersConnected(count: number): Promise<void> {
    const gateway = this.platform.app.get(GatewaySessions, { strict: false });
    await until(`${count} viewers connected at the gateway`, () => gateway.status().connectedViewers >= count);
  }

  async leave(session: Session<{ close(): void }>): Promise<void> {
    expectStatus(await this.api.request('DELETE', session.location), 200, `leaving ${session.location}`);
    session.peer.close();
  }

  /** POSTs an SDP body as an encoder or a player does. */
  sendSdp(path: string, sdp: string, options: { streamKey?: string; contentType?: string } = {}): Promise<ApiResponse> {
    return this.api.request('POST', path, { token: options.streamKey, headers: { 'content-type': options.contentType ?? 'application/sdp' }, rawBody: sdp });
  }

  /** The channel's first broadcast, once the gateway has recorded that its media arrived. */
  async started(channel: Channel): Promise<{ streamName: string }> {
    const streamName = streamStreamName(streamIdOf(channel.channelId, 1));
    await until(`StreamStarted on ${streamName}`, async () => (await this.store().readStream(streamName, { maxCount: 1 }))[0]?.type === 'StreamStarted', { timeoutMs: 10_000 });
    return { streamName };
  }

  /** Events recorded after `position`, as `<type> on <stream>` so a failure reads as the log does. */
  async recordedSince(position: number, ignore: (event: RecordedEvent) => boolean = () => false): Promise<string[]> {
    const events = await this.store().readAll({ fromPosition: position });
    return events.filter((event) => !ignore(event)).map((event) => `${event.type} on ${event.streamName}`);
  }

  headPosition(): Promise<number> {
    return this.store().headPosition();
  }

  /** The offer/answer exchange at `path`, keeping in `made` what the session's later requests need. */
  private exchange(path: string, streamKey: string | undefined, made: { location: string; offer: string; etag: string }): Exchange {
    return async (offer) => {
      const response = expectStatus(await this.sendSdp(path, offer, { streamKey }), 201, `POST ${path}`);
      Object.assign(made, { offer, location: response.headers.get('location') ?? '', etag: response.headers.get('etag') ?? '' });
      return response.body as string;
    };
  }

  private store(): EventStore {
    return this.platform.app.get<EventStore>(EVENT_STORE, { strict: false });
  }
}
