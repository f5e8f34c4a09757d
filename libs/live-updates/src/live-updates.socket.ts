import { Inject, Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage } from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { requireScopeForApps, requireUser, type Principal } from '@glint/access';
import { ConflictError } from '@glint/domain-errors';
import { CHANNEL_ID_OF, type ChannelIdOf } from './live-channels';
import { RedisFanOut } from './redis-fan-out';
import { LiveSocketAt } from './socket/live-socket-at';
import { SocketAdmission } from './socket/socket-admission';
import { SocketAuthentication } from './socket/socket-authentication';
import { sendFrame, type Frame } from './socket/socket-frames';
import { LiveSocket, SocketSessions, type SocketSession } from './socket/socket-sessions';
import { TopicFrame } from './topic-frame.dto';
import { LIVE_CHANNELS_TOPIC, LIVE_STREAMS_TOPIC, liveChannelTopic, notificationsTopic } from './topics';

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
 * `public` scope may subscribe to the public topics. A signed-out session's socket closes, and so
 * does a banned user's (or their app's).
 */
@LiveSocketAt('/ws/live')
export class LiveUpdatesSocket extends LiveSocket<LiveConnection> {
  protected override readonly connections: SocketSessions<LiveConnection>;

  constructor(
    authentication: SocketAuthentication,
    admission: SocketAdmission,
    private readonly fanOut: RedisFanOut,
    @Inject(CHANNEL_ID_OF) private readonly channelIdOf: ChannelIdOf,
  ) {
    super();
    this.connections = new SocketSessions<LiveConnection>(authentication, admission, fanOut, {
      component: 'Live',
      logger: new Logger('LiveUpdatesSocket'),
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
    // Asked again at every subscription: a session signed out since the socket connected subscribes to nothing.
    const principal = await this.connections.principalNow(connection);
    requireScopeForApps(principal, 'public');
    const topic = frame.topic.toLowerCase();
    if (connection.topics.has(topic)) return { event: 'subscribed', data: { topic } };
    if (connection.topics.size >= MAX_LIVE_TOPICS) throw new ConflictError('too_many_topics', `One connection follows at most ${MAX_LIVE_TOPICS} topics: unsubscribe from one first.`);
    const redisTopic = await this.redisTopicOf(topic, principal);
    const stop = await this.fanOut.listen(redisTopic, (relayed) => sendFrame(socket, { event: relayed.event, data: relayed.data, id: relayed.id }));
    if (connection.closed || connection.topics.has(topic)) {
      stop();
    } else {
      connection.topics.set(topic, stop);
    }
    return { event: 'subscribed', data: { topic } };
  }

  private async redisTopicOf(topic: string, principal: Principal): Promise<string> {
    if (topic === 'channels') return LIVE_CHANNELS_TOPIC;
    if (topic === 'streams') return LIVE_STREAMS_TOPIC;
    if (topic === 'notifications') return notificationsTopic(requireUser(principal).userId);
    return liveChannelTopic(await this.channelIdOf(topic.slice('channel:'.length)));
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
