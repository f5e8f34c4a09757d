import { Inject, Logger, UseFilters, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { requireScopeForApps, requireUser } from '@glint/access';
import { ConflictError } from '@glint/domain-errors';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { FrameErrorsFilter } from '../gateway/frame-errors.filter';
import { frameValidationPipe } from '../gateway/frame-validation';
import { SocketAuthentication } from '../gateway/socket-authentication';
import { MAX_CLIENT_FRAME_BYTES, sendFrame, type Frame } from '../gateway/socket-frames';
import { principalOnConnect, SocketSessionGateway, SocketSessions, type SocketSession } from '../gateway/socket-sessions';
import { RedisFanOut } from '../live/redis-fan-out';
import { LIVE_CHANNELS_TOPIC, LIVE_STREAMS_TOPIC, liveChannelTopic, notificationsTopic } from '../live/topics';
import { existingChannel } from '@glint/channels';
import { TopicFrame } from './live-frames.dto';

/** A dashboard may follow many channels, but one socket is not a way around the firehose. */
export const MAX_LIVE_TOPICS = 100;
const LIVE_EVENTS: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe']);

/** One socket's session, with what stops each topic it subscribed to. */
interface LiveConnection extends SocketSession {
  topics: Map<string, () => void>;
}

/**
 * Live updates at /ws/live: channel changes and new followers, for one channel
 * (`channel:<username>`) or for all (`channels`); the live listing (`streams`); and a signed-in
 * user's own notifications (`notifications`). Anonymous viewers, users and app tokens with the
 * `public` scope may subscribe to the public topics.
 */
@WebSocketGateway({ path: '/ws/live', maxPayload: MAX_CLIENT_FRAME_BYTES })
@UseFilters(FrameErrorsFilter)
@UsePipes(frameValidationPipe())
export class LiveUpdatesGateway extends SocketSessionGateway<LiveConnection> {
  protected override readonly connections: SocketSessions<LiveConnection>;

  constructor(
    authentication: SocketAuthentication,
    private readonly fanOut: RedisFanOut,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {
    super();
    this.connections = new SocketSessions<LiveConnection>(authentication, {
      component: 'Live',
      logger: new Logger('LiveUpdatesGateway'),
      events: LIVE_EVENTS,
      unavailableReason: 'live updates are unavailable right now: reconnect',
      begin: (session) => ({ ...session, topics: new Map() }),
      release: (connection) => {
        for (const stop of connection.topics.values()) stop();
        connection.topics.clear();
      },
    });
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() frame: TopicFrame): Promise<Frame> {
    const connection = this.connections.of(socket);
    requireScopeForApps(await principalOnConnect(connection), 'public');
    const topic = frame.topic.toLowerCase();
    if (connection.topics.has(topic)) return { event: 'subscribed', data: { topic } };
    if (connection.topics.size >= MAX_LIVE_TOPICS) throw new ConflictError('too_many_topics', `One connection follows at most ${MAX_LIVE_TOPICS} topics: unsubscribe from one first.`);
    const redisTopic = await this.redisTopicOf(topic, connection);
    const stop = await this.fanOut.listen(redisTopic, (relayed) => sendFrame(socket, { event: relayed.event, data: relayed.data, id: relayed.id }));
    if (connection.closed || connection.topics.has(topic)) {
      stop();
    } else {
      connection.topics.set(topic, stop);
    }
    return { event: 'subscribed', data: { topic } };
  }

  private async redisTopicOf(topic: string, connection: LiveConnection): Promise<string> {
    if (topic === 'channels') return LIVE_CHANNELS_TOPIC;
    if (topic === 'streams') return LIVE_STREAMS_TOPIC;
    if (topic === 'notifications') return notificationsTopic(requireUser(await principalOnConnect(connection)).userId);
    return liveChannelTopic((await existingChannel(this.readModels.entityManager(), topic.slice('channel:'.length))).channelId);
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() frame: TopicFrame): Frame {
    const connection = this.connections.of(socket);
    const topic = frame.topic.toLowerCase();
    connection.topics.get(topic)?.();
    connection.topics.delete(topic);
    return { event: 'unsubscribed', data: { topic } };
  }
}
