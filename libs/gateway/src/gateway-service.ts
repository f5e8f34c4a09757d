import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConflictError, NotFoundError, UnavailableError, UnprocessableError } from '@glint/domain-errors';
import { commandContext, type CommandContext } from '@glint/event-sourcing';
import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE, GATEWAY_SETTINGS, READ_MODELS, STREAM_RECORDER, type ReadModels } from '@glint/runtime';
import type { StreamEndReason, StreamRecorder } from '@glint/streams';
import { GatewayHeartbeat } from './gateway-heartbeat';
import type { GatewaySettings } from './gateway-settings';
import { HealthSampler } from './health-sampler';
import type { LiveChannel } from './live-channel';
import { Broadcast, type BroadcastSettings } from './media/broadcast';
import { chooseIngestCodecs } from './media/codecs';
import { holdNativePeers } from './media/native-peers';
import { parseSdp } from './media/sdp';
import { StreamLogWatcher } from './stream-log-watcher';
import type { TrickleFragment } from './trickle-fragment';
import { ViewerStatistics } from './viewer-statistics';

const TICK_MS = 500;
const GATHERING_TIMEOUT_MS = 5_000;

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

/** Where a viewer's offer went: answered here, or sent to the gateway holding the channel. */
export type Playback = { kind: 'answered'; sessionId: string; answer: string } | { kind: 'elsewhere'; baseUrl: string };

/**
 * The broadcasts this gateway holds and the stream facts only it can know: a stream starts at the
 * publisher's first media and ends when the publisher leaves or falls silent, when its key is
 * rotated, when staff or the worker end it (seen in the log), or when the gateway stops. Every end
 * goes through `end`, which records at most once and then closes the peers.
 */
@Injectable()
export class GatewayService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Gateway');
  private readonly channels = new Map<string, LiveChannel>();
  /** Channels whose publisher's offer is being answered: a second one is refused meanwhile. */
  private readonly opening = new Set<string>();
  private readonly publisherSessions = new Map<string, LiveChannel>();
  private readonly viewerSessions = new Map<string, LiveChannel>();
  private readonly heartbeat: GatewayHeartbeat;
  private readonly watcher: StreamLogWatcher;
  private readonly broadcastSettings: BroadcastSettings;
  private timers: NodeJS.Timeout[] = [];
  private releaseNativePeers: (() => Promise<void>) | null = null;

  constructor(
    @Inject(GATEWAY_SETTINGS) readonly settings: GatewaySettings,
    @Inject(STREAM_RECORDER) private readonly recorder: StreamRecorder,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.heartbeat = new GatewayHeartbeat(() => readModels.entityManager(), settings.id, settings.publicUrl);
    this.watcher = new StreamLogWatcher(store, {
      streamEnded: (streamId) => {
        const live = [...this.channels.values()].find((candidate) => candidate.handle?.streamId === streamId);
        if (live) void this.close(live);
      },
      streamKeyRotated: (channelId) => {
        const live = this.channels.get(channelId);
        if (live) void this.end(live, 'key_rotated');
      },
    });
    this.broadcastSettings = {
      udpPort: settings.udpPort,
      ...(settings.udpBindAddress ? { bindAddress: settings.udpBindAddress } : {}),
      announcedAddresses: settings.announcedAddresses,
      gatheringTimeoutMs: GATHERING_TIMEOUT_MS,
      nackBufferPackets: settings.nackBufferPackets,
    };
  }

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

  async onModuleInit(): Promise<void> {
    if (!this.settings.enabled) return;
    this.releaseNativePeers = holdNativePeers();
    await this.heartbeat.beat();
    await this.watcher.start();
    this.timers = [
      setInterval(() => this.tick(), TICK_MS),
      setInterval(() => this.heartbeat.beat().catch((error: Error) => this.logger.error(`Gateway.Heartbeat.Failed: ${error.message}`)), this.settings.heartbeatIntervalMs),
    ];
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.settings.enabled) return;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    const closing = [...this.channels.values()];
    await Promise.all(closing.map((live) => this.end(live, 'gateway_stopped')));
    await this.watcher.stop();
    await this.heartbeat.stop().catch((error: Error) => this.logger.error(`Gateway.Heartbeat.StopFailed: ${error.message}`));
    await this.releaseNativePeers?.();
    this.releaseNativePeers = null;
  }

  /**
   * Answers a publisher's offer. Nothing is recorded yet: the stream starts at the first media, so
   * an encoder that connects and never sends leaves no trace.
   */
  async publish(channelId: string, offer: string): Promise<{ sessionId: string; answer: string; etag: string }> {
    this.requireEnabled();
    if (this.channels.has(channelId) || this.opening.has(channelId)) throw alreadyLive();
    this.opening.add(channelId);
    try {
      const latest = await this.recorder.latest(channelId);
      if (latest?.state.status === 'live' && latest.state.started.gatewayId !== this.settings.id && !(await this.recorder.gatewayLost(latest.state.started.gatewayId))) throw alreadyLive();
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
      this.channels.set(channelId, live);
      this.publisherSessions.set(sessionId, live);
      broadcast.whenMediaStarts(() => {
        live.starting = this.start(live);
      });
      broadcast.whenPeerGone(() => void (broadcast.firstMediaAt === null ? this.close(live) : this.end(live, 'publisher_silent')));
      this.logger.log(`Whip.Offer.Accepted channel=${channelId}`);
      return { sessionId, answer, etag: live.etag };
    } finally {
      this.opening.delete(channelId);
    }
  }

  /** The publisher's DELETE: the stream ends as `publisher_left`, or quietly if no media came. */
  async unpublish(sessionId: string): Promise<void> {
    const live = this.publisherSessions.get(sessionId);
    if (!live) throw sessionNotFound();
    await this.end(live, 'publisher_left');
  }

  /** The publisher session's ETag, which a PATCH must name in If-Match. */
  etagOf(sessionId: string): string {
    const live = this.publisherSessions.get(sessionId);
    if (!live) throw sessionNotFound();
    return live.etag;
  }

  /**
   * The publisher's trickled candidates (WHIP PATCH). An ICE restart (a new username fragment) is
   * not supported: the encoder ends the session and publishes anew instead.
   */
  trickle(sessionId: string, fragment: TrickleFragment): void {
    const live = this.publisherSessions.get(sessionId);
    if (!live) throw sessionNotFound();
    if (fragment.iceUfrag !== null && fragment.iceUfrag !== live.iceUfrag) {
      throw new UnprocessableError('ice_restart_unsupported', 'Glint does not restart ICE on a session: end it with DELETE and publish again.');
    }
    for (const candidate of fragment.candidates) live.broadcast.addRemoteCandidate(candidate.candidate, candidate.mid);
  }

  /**
   * Answers a viewer's offer when the channel's stream runs here, or says which gateway holds it.
   * A channel whose publisher has not sent media yet is not live.
   */
  async watch(channelId: string, identity: string, offer: string): Promise<Playback> {
    const live = this.channels.get(channelId);
    if (!live || !live.handle || !live.statistics || live.ending) return { kind: 'elsewhere', baseUrl: await this.holderOf(channelId) };
    this.requireEnabled();
    if (this.viewerSessions.size >= this.settings.maxViewers) {
      throw new UnavailableError('gateway_full', 'This gateway is serving as many viewers as it can; try again in a moment.', 5);
    }
    const sessionId = newSessionId();
    const { answer } = await live.broadcast.addViewer(sessionId, identity, offer, parseSdp(offer));
    if (live.ending) throw notLive();
    live.viewers.set(sessionId, { identity });
    live.statistics.join(sessionId, identity, Date.now());
    this.viewerSessions.set(sessionId, live);
    return { kind: 'answered', sessionId, answer };
  }

  stopWatching(sessionId: string): void {
    const live = this.viewerSessions.get(sessionId);
    if (!live) throw sessionNotFound();
    this.leave(live, sessionId);
    live.broadcast.removeViewer(sessionId);
  }

  private requireEnabled(): void {
    if (!this.settings.enabled) throw new NotFoundError('no_gateway', 'This Glint server runs no WHIP/WHEP gateway; use the address of one that does.');
  }

  /** The base URL of the live gateway holding the channel's stream; 404 `not_live` when none does. */
  private async holderOf(channelId: string): Promise<string> {
    const latest = await this.recorder.latest(channelId);
    if (latest?.state.status !== 'live') throw notLive();
    const holder = latest.state.started.gatewayId;
    if (holder === this.settings.id || (await this.recorder.gatewayLost(holder))) throw notLive();
    const baseUrl = await GatewayHeartbeat.baseUrlOf(this.readModels.entityManager(), holder);
    if (!baseUrl) throw notLive();
    return baseUrl;
  }

  private async start(live: LiveChannel): Promise<void> {
    const { codecs } = live.broadcast;
    try {
      const context = this.context();
      live.handle = await this.recorder.start({ channelId: live.channelId, gatewayId: this.settings.id, media: { video: codecs.video?.codec ?? null, audio: codecs.audio?.codec ?? null } }, context);
      live.statistics = new ViewerStatistics(context.now.getTime());
      // The broadcast counts from its first packet, before StreamStarted is recorded: the first
      // sample's period starts there too, so its bitrate is bytes over the time they took.
      live.lastSampleAt = live.broadcast.firstMediaAt ?? Date.now();
      this.logger.log(`Gateway.Stream.Started stream=${live.handle.streamId}`);
    } catch (error) {
      if (!(error instanceof ConflictError && error.code === 'already_live')) this.logger.error(`Gateway.Stream.StartFailed channel=${live.channelId}: ${(error as Error).message}`);
      await this.close(live);
    }
  }

  /** Records the end (once, if the stream had started), then closes the publisher and its viewers. */
  private async end(live: LiveChannel, reason: StreamEndReason): Promise<void> {
    if (live.ending) return;
    live.ending = true;
    this.forgetSessions(live);
    try {
      await live.starting;
      if (live.handle) {
        const context = this.context();
        await this.recorder.end(live.handle.streamId, { reason, at: context.now, finalViewers: live.statistics?.sample(context.now.getTime()), endedBy: null }, context);
        this.logger.log(`Gateway.Stream.Ended stream=${live.handle.streamId} reason=${reason}`);
      }
    } catch (error) {
      // The worker ends a stream whose gateway no longer holds it, so a failed end is not lost for good.
      this.logger.error(`Gateway.Stream.EndFailed channel=${live.channelId}: ${(error as Error).message}`);
    } finally {
      live.broadcast.close();
      // Held until the end is recorded, so a new publisher of the channel waits for it.
      this.forgetChannel(live);
    }
  }

  /** Closes without recording: the stream never started here, or someone else already ended it. */
  private async close(live: LiveChannel): Promise<void> {
    if (live.ending) return;
    live.ending = true;
    this.forgetSessions(live);
    live.broadcast.close();
    this.forgetChannel(live);
  }

  private forgetChannel(live: LiveChannel): void {
    if (this.channels.get(live.channelId) === live) this.channels.delete(live.channelId);
  }

  private forgetSessions(live: LiveChannel): void {
    this.publisherSessions.delete(live.publisherSessionId);
    for (const sessionId of live.viewers.keys()) this.viewerSessions.delete(sessionId);
  }

  private leave(live: LiveChannel, sessionId: string): void {
    live.viewers.delete(sessionId);
    live.statistics?.leave(sessionId, Date.now());
    this.viewerSessions.delete(sessionId);
  }

  private tick(): void {
    const now = Date.now();
    for (const live of [...this.channels.values()]) {
      const { broadcast } = live;
      if (broadcast.lastMediaAt === null) {
        if (now - live.openedAt > this.settings.firstMediaDeadlineMs) void this.close(live);
        continue;
      }
      if (now - broadcast.lastMediaAt > this.settings.publisherSilenceMs) {
        void this.end(live, 'publisher_silent');
        continue;
      }
      this.sweepDepartedViewers(live);
      if (live.handle && !live.sampling && now - live.lastSampleAt >= this.settings.sampleIntervalMs) void this.sample(live, now);
    }
  }

  /** Viewers whose connection failed or closed without a DELETE stop counting. */
  private sweepDepartedViewers(live: LiveChannel): void {
    const connected = new Set(live.broadcast.viewerList().map((viewer) => viewer.id));
    for (const sessionId of [...live.viewers.keys()]) if (!connected.has(sessionId)) this.leave(live, sessionId);
  }

  private async sample(live: LiveChannel, now: number): Promise<void> {
    const { handle, statistics } = live;
    if (!handle || !statistics) return;
    live.sampling = true;
    try {
      const periodSeconds = (now - live.lastSampleAt) / 1000;
      live.lastSampleAt = now;
      const at = new Date(now);
      const context = this.context();
      const stillLive =
        (await this.recorder.sample(handle, { type: 'SampleStreamHealth', sample: live.health.sample(live.broadcast.counters, periodSeconds), periodSeconds: Math.round(periodSeconds), at }, context)) &&
        (await this.recorder.sample(handle, { type: 'SampleViewerCount', sample: statistics.sample(now), at }, context));
      if (!stillLive && !live.ending) await this.close(live);
    } catch (error) {
      this.logger.error(`Gateway.Stream.SampleFailed stream=${handle.streamId}: ${(error as Error).message}`);
    } finally {
      live.sampling = false;
    }
  }

  private context(): CommandContext {
    return commandContext({ type: 'gateway', id: this.settings.id });
  }
}

/** 32 random bytes: the session's URL is its only credential for DELETE and PATCH. */
function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

function iceUfragOf(sdp: string): string | null {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1] ?? null;
}

const alreadyLive = () => new ConflictError('already_live', 'This channel is already live from another encoder; stop that one first.');
const notLive = () => new NotFoundError('not_live', 'This channel is not live right now.');
const sessionNotFound = () => new NotFoundError('session_not_found', 'There is no such session on this gateway; it may have ended already.');
