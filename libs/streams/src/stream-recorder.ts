import type { EntityManager } from '@mikro-orm/postgresql';
import { readChannel } from '@glint/channels';
import { ConflictError, NotFoundError } from '@glint/domain-errors';
import { EventSourcedStreams, retryingLostRaces, type CommandContext } from '@glint/event-sourcing';
import type { EventStore, ExpectedRevision } from '@glint/eventstore';
import { readAccountFacts } from '@glint/identity';
import { streamDecider, type EndStream, type SampleStreamHealth, type SampleViewerCount, type StartStream, type Stream } from './stream-decider';
import { streamIdOf, streamStreamName, type MediaDescription, type StreamEvent, type StreamInfo } from './events';

/** A stream as its writer holds it: the state and revision the next sample is appended after. */
export interface StreamHandle {
  streamId: string;
  streamName: string;
  state: Stream;
  revision: ExpectedRevision;
}

export interface StreamRecorderOptions {
  /** A gateway whose last heartbeat is older than this no longer holds its streams. */
  gatewayLostAfterMs: number;
}

const START_ATTEMPTS = 5;

/**
 * Writes the facts of live streams. A channel's broadcasts are numbered, and broadcast n+1 is
 * appended to a stream that must not exist yet after broadcast n is seen ended: two gateways
 * starting the same channel at once race for the same stream name and one of them loses, so a
 * channel is never live twice. A stream still live on a gateway that stopped beating is ended
 * (`gateway_lost`) before the next one starts.
 */
export class StreamRecorder {
  private readonly streams: EventSourcedStreams;

  constructor(
    private readonly store: EventStore,
    private readonly entityManager: () => EntityManager,
    private readonly options: StreamRecorderOptions,
  ) {
    this.streams = new EventSourcedStreams(store);
  }

  async start(input: { channelId: string; gatewayId: string; media: MediaDescription }, context: CommandContext): Promise<StreamHandle> {
    // Two gateways starting the channel at once race for the same new stream: the loser looks again.
    return retryingLostRaces({ what: 'This channel', maxAttempts: START_ATTEMPTS }, async () => {
      const latest = await this.latest(input.channelId);
      if (latest?.state.status === 'live') {
        const holder = latest.state.started.gatewayId;
        if (holder !== input.gatewayId && !(await this.gatewayLost(holder))) {
          throw new ConflictError('already_live', 'This channel is already live from another encoder; stop that one first.');
        }
        await this.end(latest.streamId, { reason: 'gateway_lost', at: context.now }, context);
      }
      const channel = await readChannel(this.entityManager(), input.channelId);
      if (!channel || channel.deleted) throw new NotFoundError('channel_not_found', 'There is no such channel.');
      // A channel's id is its owner's user id.
      const owner = await readAccountFacts(this.entityManager(), input.channelId);
      const sequence = (latest?.sequence ?? 0) + 1;
      const streamId = streamIdOf(input.channelId, sequence);
      const info: StreamInfo = { title: channel.title, category: channel.category, subcategory: channel.subcategory, tags: channel.tags, language: channel.language, mature: channel.mature };
      const command: StartStream = {
        type: 'StartStream',
        streamId,
        channelId: input.channelId,
        channelUsername: channel.username,
        sequence,
        gatewayId: input.gatewayId,
        info,
        media: input.media,
        owner: { globallyBanned: owner?.globallyBanned ?? false, streamingSuspended: owner?.streamingSuspended ?? false },
        at: context.now,
      };
      const decided = streamDecider.decide(command, streamDecider.initialState);
      const streamName = streamStreamName(streamId);
      // The stream must not exist yet: one that does was started by the winner of the race.
      const appended = await this.streams.append(streamName, decided, context, 'no_stream');
      const state = decided.reduce((current, event) => streamDecider.evolve(current, event), streamDecider.initialState);
      return { streamId, streamName, state, revision: appended[appended.length - 1].streamRevision };
    });
  }

  /** Ends a stream if it is still live; false when it had already ended. */
  async end(streamId: string, command: Omit<EndStream, 'type'>, context: CommandContext): Promise<boolean> {
    const handled = await this.streams.handle(streamStreamName(streamId), streamDecider, { type: 'EndStream', ...command }, context);
    return handled.appended.length > 0;
  }

  async changeMetadata(streamId: string, changes: Partial<StreamInfo>, context: CommandContext): Promise<boolean> {
    const handled = await this.streams.handle(streamStreamName(streamId), streamDecider, { type: 'ChangeStreamMetadata', changes }, context);
    return handled.appended.length > 0;
  }

  /**
   * Appends a sample after the revision the writer last saw, without reading the stream again (a
   * long stream has thousands of samples). When someone else wrote meanwhile (an end by staff or the
   * worker), the stream is reloaded and the sample decided again. Answers the handle the next
   * sample goes after; its state is `ended` when the stream has ended and nothing was recorded.
   */
  async sample(handle: StreamHandle, command: SampleStreamHealth | SampleViewerCount, context: CommandContext): Promise<StreamHandle> {
    const sampled = await this.streams.handle(handle.streamName, streamDecider, command, context, { from: handle });
    return { ...handle, state: sampled.state, revision: sampled.revision };
  }

  /** The channel's latest broadcast, found from the read model's count and then by trying the next numbers. */
  async latest(channelId: string): Promise<{ streamId: string; sequence: number; state: Stream } | null> {
    const [row] = await this.entityManager().execute<Array<{ last_sequence: number }>>('SELECT last_sequence FROM channel_broadcasts WHERE channel_id = ?', [channelId]);
    let sequence = row?.last_sequence ?? 0;
    while ((await this.store.readStream(streamStreamName(streamIdOf(channelId, sequence + 1)), { maxCount: 1 })).length > 0) sequence++;
    if (sequence === 0) return null;
    const streamId = streamIdOf(channelId, sequence);
    const { state } = await this.streams.load<Stream, StreamEvent>(streamStreamName(streamId), streamDecider);
    return { streamId, sequence, state };
  }

  async gatewayLost(gatewayId: string): Promise<boolean> {
    return (await this.beatingGateway(gatewayId)) === null;
  }

  /** Where viewers reach the gateway, while its heartbeat is recent enough that it still holds its streams; null once it is lost. */
  async beatingGateway(gatewayId: string): Promise<{ baseUrl: string } | null> {
    const [row] = await this.entityManager().execute<Array<{ base_url: string }>>(
      'SELECT base_url FROM gateway_heartbeats WHERE gateway_id = ? AND beat_at > now() - make_interval(secs => ?)',
      [gatewayId, this.options.gatewayLostAfterMs / 1000],
    );
    return row ? { baseUrl: row.base_url } : null;
  }
}
