import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@glint/domain-errors';
import { GATEWAY_SETTINGS, type GatewaySettings } from '@glint/runtime';
import { GatewayHeartbeat } from './gateway-heartbeat';
import type { LiveChannel } from './live-channel';

export interface GatewayStatus {
  id: string;
  enabled: boolean;
  udpPort: number;
  /** Channels published to this gateway (connected, with or without media yet). */
  publishers: number;
  viewers: number;
  /** Viewers whose tracks have opened: media is sent to them. */
  connectedViewers: number;
  lastHeartbeatAt: Date | null;
}

/**
 * The session registry: the channels published to this gateway, and which channel each publisher's
 * and viewer's session URL belongs to. Signalling adds to it; the stream lifecycle lets go of a
 * channel and its sessions when the stream ends.
 */
@Injectable()
export class GatewaySessions {
  private readonly channels = new Map<string, LiveChannel>();
  /** Channels whose publisher's offer is being answered: a second one is refused meanwhile. */
  private readonly opening = new Set<string>();
  private readonly publisherSessions = new Map<string, LiveChannel>();
  private readonly viewerSessions = new Map<string, LiveChannel>();

  constructor(
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    private readonly heartbeat: GatewayHeartbeat,
  ) {}

  /** What this gateway holds now and when it last told the database it is alive, for its health check. */
  status(): GatewayStatus {
    let viewers = 0;
    let connectedViewers = 0;
    for (const live of this.channels.values()) {
      viewers += live.broadcast.viewerCount;
      connectedViewers += live.broadcast.connectedViewerCount;
    }
    return {
      id: this.settings.id,
      enabled: this.settings.enabled,
      udpPort: this.settings.udpPort,
      publishers: this.channels.size,
      viewers,
      connectedViewers,
      lastHeartbeatAt: this.heartbeat.lastBeatAt,
    };
  }

  /** Refuses with 404 `no_gateway` where this process runs no gateway. */
  requireEnabled(): void {
    if (!this.settings.enabled) throw new NotFoundError('no_gateway', 'This Glint server runs no WHIP/WHEP gateway; use the address of one that does.');
  }

  /** Claims the channel while its publisher's offer is answered; false when it is held here already or being claimed. */
  claim(channelId: string): boolean {
    if (this.channels.has(channelId) || this.opening.has(channelId)) return false;
    this.opening.add(channelId);
    return true;
  }

  /** Ends a claim, whether `hold` took the channel or the offer was refused. */
  release(channelId: string): void {
    this.opening.delete(channelId);
  }

  /** Holds the channel, reachable by its publisher's session. */
  hold(live: LiveChannel): void {
    this.channels.set(live.channelId, live);
    this.publisherSessions.set(live.publisherSessionId, live);
  }

  held(channelId: string): LiveChannel | undefined {
    return this.channels.get(channelId);
  }

  /** The channel whose started stream is `streamId`. */
  holding(streamId: string): LiveChannel | undefined {
    for (const live of this.channels.values()) if (live.handle?.streamId === streamId) return live;
    return undefined;
  }

  /** Every channel held now, as a list that stays put while channels are let go. */
  all(): LiveChannel[] {
    return [...this.channels.values()];
  }

  get viewerCount(): number {
    return this.viewerSessions.size;
  }

  /** The channel of a publisher's session; 404 `session_not_found` when it is not (or no longer) here. */
  ofPublisher(sessionId: string): LiveChannel {
    const live = this.publisherSessions.get(sessionId);
    if (!live) throw sessionNotFound();
    return live;
  }

  /** The channel of a viewer's session; 404 `session_not_found` when it is not (or no longer) here. */
  ofViewer(sessionId: string): LiveChannel {
    const live = this.viewerSessions.get(sessionId);
    if (!live) throw sessionNotFound();
    return live;
  }

  /** A viewer starts counting on the channel's stream. */
  seat(live: LiveChannel, sessionId: string, identity: string): void {
    live.viewers.set(sessionId, { identity });
    live.statistics?.join(sessionId, identity, Date.now());
    this.viewerSessions.set(sessionId, live);
  }

  /** A viewer stops counting: its DELETE, or its connection gone. */
  unseat(live: LiveChannel, sessionId: string): void {
    live.viewers.delete(sessionId);
    live.statistics?.leave(sessionId, Date.now());
    this.viewerSessions.delete(sessionId);
  }

  /** The channel's sessions end at once: their URLs answer 404 while the end is recorded. */
  forgetSessions(live: LiveChannel): void {
    this.publisherSessions.delete(live.publisherSessionId);
    for (const sessionId of live.viewers.keys()) this.viewerSessions.delete(sessionId);
  }

  /** Lets go of the channel, unless a new publisher holds it already. */
  forget(live: LiveChannel): void {
    if (this.channels.get(live.channelId) === live) this.channels.delete(live.channelId);
  }
}

/** 32 random bytes: the session's URL is its only credential for DELETE and PATCH. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

const sessionNotFound = () => new NotFoundError('session_not_found', 'There is no such session on this gateway; it may have ended already.');
