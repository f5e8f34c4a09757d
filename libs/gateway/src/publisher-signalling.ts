import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ConflictError, UnprocessableError } from '@glint/domain-errors';
import { GATEWAY_SETTINGS, type GatewaySettings } from '@glint/runtime';
import { GetStreamHolderQuery } from '@glint/streams';
import { GatewaySessions, newSessionId } from './gateway-sessions';
import { HealthSampler } from './health-sampler';
import type { LiveChannel } from './live-channel';
import { Broadcast, type BroadcastSettings } from './media/broadcast';
import { chooseIngestCodecs } from './media/codecs';
import { parseSdp } from './media/sdp';
import { StreamLifecycle } from './stream-lifecycle';
import type { TrickleFragment } from './trickle-fragment';

const GATHERING_TIMEOUT_MS = 5_000;

/**
 * WHIP signalling: a publisher's offer in, the gateway's answer and the session out; its trickled
 * candidates; its DELETE. Nothing is recorded here: the stream starts at the first media, so an
 * encoder that connects and never sends leaves no trace.
 */
@Injectable()
export class PublisherSignalling {
  private readonly logger = new Logger('Gateway');
  private readonly broadcastSettings: BroadcastSettings;

  constructor(
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    private readonly sessions: GatewaySessions,
    private readonly lifecycle: StreamLifecycle,
    private readonly queries: QueryBus,
  ) {
    this.broadcastSettings = {
      udpPort: settings.udpPort,
      ...(settings.udpBindAddress ? { bindAddress: settings.udpBindAddress } : {}),
      announcedAddresses: settings.announcedAddresses,
      gatheringTimeoutMs: GATHERING_TIMEOUT_MS,
      nackBufferPackets: settings.nackBufferPackets,
    };
  }

  /** Answers a publisher's offer for a channel no other encoder holds, here or on a gateway that still beats. */
  async publish(channelId: string, offer: string): Promise<{ sessionId: string; answer: string; etag: string }> {
    this.sessions.requireEnabled();
    if (!this.sessions.claim(channelId)) throw alreadyLive();
    try {
      const holder = await this.queries.execute(new GetStreamHolderQuery(channelId));
      if (holder && holder.gatewayId !== this.settings.id) throw alreadyLive();
      const codecs = chooseIngestCodecs(parseSdp(offer));
      const sessionId = newSessionId();
      const { broadcast, answer } = await Broadcast.open(`publisher-${channelId}`, this.broadcastSettings, offer, codecs);
      const now = Date.now();
      const live: LiveChannel = {
        channelId,
        broadcast,
        publisherSessionId: sessionId,
        iceUfrag: iceUfragOf(offer),
        etag: `"${randomBytes(12).toString('base64url')}"`,
        openedAt: now,
        handle: null,
        starting: null,
        viewers: new Map(),
        statistics: null,
        health: new HealthSampler(codecs),
        lastSampleAt: now,
        sampling: false,
        ending: false,
      };
      this.sessions.hold(live);
      broadcast.whenMediaStarts(() => this.lifecycle.mediaStarted(live));
      broadcast.whenPeerGone(() => this.lifecycle.publisherGone(live));
      this.logger.log(`Whip.Offer.Accepted channel=${channelId}`);
      return { sessionId, answer, etag: live.etag };
    } finally {
      this.sessions.release(channelId);
    }
  }

  /** The publisher's DELETE. */
  async unpublish(sessionId: string): Promise<void> {
    await this.lifecycle.publisherLeft(this.sessions.ofPublisher(sessionId));
  }

  /** The publisher session's ETag, which a PATCH must name in If-Match. */
  etagOf(sessionId: string): string {
    return this.sessions.ofPublisher(sessionId).etag;
  }

  /**
   * The publisher's trickled candidates (WHIP PATCH). An ICE restart (a new username fragment) is
   * not supported: the encoder ends the session and publishes anew instead.
   */
  trickle(sessionId: string, fragment: TrickleFragment): void {
    const live = this.sessions.ofPublisher(sessionId);
    if (fragment.iceUfrag !== null && fragment.iceUfrag !== live.iceUfrag) {
      throw new UnprocessableError('ice_restart_unsupported', 'Glint does not restart ICE on a session: end it with DELETE and publish again.');
    }
    for (const candidate of fragment.candidates) live.broadcast.addRemoteCandidate(candidate.candidate, candidate.mid);
  }
}

function iceUfragOf(sdp: string): string | null {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1] ?? null;
}

const alreadyLive = () => new ConflictError('already_live', 'This channel is already live from another encoder; stop that one first.');
