import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { NotFoundError, UnavailableError } from '@glint/domain-errors';
import { GATEWAY_SETTINGS, type GatewaySettings } from '@glint/runtime';
import { GetStreamHolderQuery } from '@glint/streams';
import { GatewaySessions, newSessionId } from './gateway-sessions';
import { parseSdp } from './media/sdp';

/** Where a viewer's offer went: answered here, or sent to the gateway holding the channel. */
export type Playback = { kind: 'answered'; sessionId: string; answer: string } | { kind: 'elsewhere'; baseUrl: string };

/**
 * WHEP signalling: a viewer's offer in, the gateway's answer and the session out when the channel's
 * stream runs here, or the gateway that holds it; the viewer's DELETE.
 */
@Injectable()
export class ViewerSignalling {
  constructor(
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    private readonly sessions: GatewaySessions,
    private readonly queries: QueryBus,
  ) {}

  /** A channel whose publisher has not sent media yet is not live. */
  async watch(channelId: string, identity: string, offer: string): Promise<Playback> {
    const live = this.sessions.held(channelId);
    if (!live || !live.handle || !live.statistics || live.ending) return { kind: 'elsewhere', baseUrl: await this.holderOf(channelId) };
    this.sessions.requireEnabled();
    if (this.sessions.viewerCount >= this.settings.maxViewers) {
      throw new UnavailableError('gateway_full', 'This gateway is serving as many viewers as it can; try again in a moment.', 5);
    }
    const sessionId = newSessionId();
    const { answer } = await live.broadcast.addViewer(sessionId, identity, offer, parseSdp(offer));
    if (live.ending) throw notLive();
    this.sessions.seat(live, sessionId, identity);
    return { kind: 'answered', sessionId, answer };
  }

  stopWatching(sessionId: string): void {
    const live = this.sessions.ofViewer(sessionId);
    this.sessions.unseat(live, sessionId);
    live.broadcast.removeViewer(sessionId);
  }

  /** The base URL of the live gateway holding the channel's stream; 404 `not_live` when none does. */
  private async holderOf(channelId: string): Promise<string> {
    const holder = await this.queries.execute(new GetStreamHolderQuery(channelId));
    if (!holder || holder.gatewayId === this.settings.id) throw notLive();
    return holder.baseUrl;
  }
}

const notLive = () => new NotFoundError('not_live', 'This channel is not live right now.');
