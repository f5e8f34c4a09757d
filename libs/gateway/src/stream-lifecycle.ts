import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ConflictError, ForbiddenError } from '@glint/domain-errors';
import { commandContext, type CommandContext } from '@glint/event-sourcing';
import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE, GATEWAY_SETTINGS, type GatewaySettings } from '@glint/runtime';
import { EndStreamCommand, SampleStreamHealthCommand, SampleViewerCountCommand, StartStreamCommand, type StreamEndReason } from '@glint/streams';
import { GatewayHeartbeat } from './gateway-heartbeat';
import { GatewaySessions } from './gateway-sessions';
import type { LiveChannel } from './live-channel';
import { holdNativePeers } from './media/native-peers';
import { StreamLogWatcher } from './stream-log-watcher';
import { ViewerStatistics } from './viewer-statistics';

const TICK_MS = 500;

/**
 * The stream facts only this gateway can know, sent to the streams context as commands: a stream
 * starts at the publisher's first media, is sampled while live, and ends when the publisher leaves
 * or falls silent, when its key is rotated, when staff ban its owner or suspend them from
 * streaming (both read from the log, as the rotation is), or when the gateway stops. An end by staff
 * or by the worker is read from the log and only closes the peers. Every end goes through `end`,
 * which records at most once and then closes the publisher and its viewers.
 */
@Injectable()
export class StreamLifecycle implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Gateway');
  private readonly watcher: StreamLogWatcher;
  private timers: NodeJS.Timeout[] = [];
  private releaseNativePeers: (() => Promise<void>) | null = null;

  constructor(
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    private readonly sessions: GatewaySessions,
    private readonly heartbeat: GatewayHeartbeat,
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.watcher = new StreamLogWatcher(store, {
      streamEnded: (streamId) => {
        const live = sessions.holding(streamId);
        if (live) void this.close(live);
      },
      streamKeyRotated: (channelId) => {
        const live = sessions.held(channelId);
        if (live) void this.end(live, 'key_rotated');
      },
      ownerSanctioned: (userId, reason) => {
        const live = sessions.held(userId);
        if (live) void this.end(live, reason);
      },
    });
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
    await Promise.all(this.sessions.all().map((live) => this.end(live, 'gateway_stopped')));
    await this.watcher.stop();
    await this.heartbeat.stop().catch((error: Error) => this.logger.error(`Gateway.Heartbeat.StopFailed: ${error.message}`));
    await this.releaseNativePeers?.();
    this.releaseNativePeers = null;
  }

  /** The publisher's first RTP packet: the stream starts now. */
  mediaStarted(live: LiveChannel): void {
    live.starting = this.start(live);
  }

  /** The publisher's connection failed or closed: silent if it had sent media, forgotten if not. */
  publisherGone(live: LiveChannel): void {
    void (live.broadcast.firstMediaAt === null ? this.close(live) : this.end(live, 'publisher_silent'));
  }

  /** The publisher's DELETE: the stream ends as `publisher_left`, or quietly if no media came. */
  publisherLeft(live: LiveChannel): Promise<void> {
    return this.end(live, 'publisher_left');
  }

  private async start(live: LiveChannel): Promise<void> {
    const { codecs } = live.broadcast;
    try {
      const context = this.context();
      live.handle = await this.commands.execute(new StartStreamCommand(live.channelId, this.settings.id, { video: codecs.video?.codec ?? null, audio: codecs.audio?.codec ?? null }, context));
      live.statistics = new ViewerStatistics(context.now.getTime());
      // The broadcast counts from its first packet, before StreamStarted is recorded: the first
      // sample's period starts there too, so its bitrate is bytes over the time they took.
      live.lastSampleAt = live.broadcast.firstMediaAt ?? Date.now();
      this.logger.log(`Gateway.Stream.Started stream=${live.handle.streamId}`);
    } catch (error) {
      // Another gateway holding the channel, or its owner sanctioned since the offer, is a refusal, not a fault.
      if (error instanceof ForbiddenError) this.logger.log(`Gateway.Stream.StartRefused channel=${live.channelId} reason=${error.code}`);
      else if (!(error instanceof ConflictError && error.code === 'already_live')) this.logger.error(`Gateway.Stream.StartFailed channel=${live.channelId}: ${(error as Error).message}`);
      await this.close(live);
    }
  }

  /** Records the end (once, if the stream had started), then closes the publisher and its viewers. */
  private async end(live: LiveChannel, reason: StreamEndReason): Promise<void> {
    if (live.ending) return;
    live.ending = true;
    this.sessions.forgetSessions(live);
    try {
      await live.starting;
      if (live.handle) {
        const context = this.context();
        await this.commands.execute(new EndStreamCommand(live.handle.streamId, reason, context, live.statistics?.sample(context.now.getTime())));
        this.logger.log(`Gateway.Stream.Ended stream=${live.handle.streamId} reason=${reason}`);
      }
    } catch (error) {
      // The worker ends a stream whose gateway no longer holds it, so a failed end is not lost for good.
      this.logger.error(`Gateway.Stream.EndFailed channel=${live.channelId}: ${(error as Error).message}`);
    } finally {
      live.broadcast.close();
      // Held until the end is recorded, so a new publisher of the channel waits for it.
      this.sessions.forget(live);
    }
  }

  /** Closes without recording: the stream never started here, or someone else already ended it. */
  private async close(live: LiveChannel): Promise<void> {
    if (live.ending) return;
    live.ending = true;
    this.sessions.forgetSessions(live);
    live.broadcast.close();
    this.sessions.forget(live);
  }

  private tick(): void {
    const now = Date.now();
    for (const live of this.sessions.all()) {
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
    for (const sessionId of [...live.viewers.keys()]) if (!connected.has(sessionId)) this.sessions.unseat(live, sessionId);
  }

  /** Health, then viewers, after the handle the gateway holds; a stream someone else ended closes. */
  private async sample(live: LiveChannel, now: number): Promise<void> {
    const { handle, statistics } = live;
    if (!handle || !statistics) return;
    live.sampling = true;
    try {
      const periodSeconds = (now - live.lastSampleAt) / 1000;
      live.lastSampleAt = now;
      const context = this.context(new Date(now));
      let sampled = await this.commands.execute(new SampleStreamHealthCommand(handle, live.health.sample(live.broadcast.counters, periodSeconds), Math.round(periodSeconds), context));
      if (sampled.state.status === 'live') sampled = await this.commands.execute(new SampleViewerCountCommand(sampled, statistics.sample(now), context));
      live.handle = sampled;
      if (sampled.state.status !== 'live' && !live.ending) await this.close(live);
    } catch (error) {
      this.logger.error(`Gateway.Stream.SampleFailed stream=${handle.streamId}: ${(error as Error).message}`);
    } finally {
      live.sampling = false;
    }
  }

  private context(now?: Date): CommandContext {
    return commandContext({ type: 'gateway', id: this.settings.id }, { now });
  }
}
