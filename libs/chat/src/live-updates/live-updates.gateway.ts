import type { IncomingMessage } from 'node:http';
import { Inject, Logger, UseFilters, UsePipes, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import type { WebSocket, WebSocketServer } from 'ws';
import { requireScopeForApps, type Principal } from '@glint/access';
import { ConflictError, UnauthenticatedError } from '@glint/domain-errors';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { FrameErrorsFilter } from '../gateway/frame-errors.filter';
import { frameValidationPipe } from '../gateway/frame-validation';
import { INVALID_TOKEN_CLOSE, SocketAuthentication } from '../gateway/socket-authentication';
import { answerUnknownFrames, MAX_CLIENT_FRAME_BYTES, sendFrame, type Frame } from '../gateway/socket-frames';
import { SocketHeartbeat } from '../gateway/socket-heartbeat';
import { RedisFanOut } from '../live/redis-fan-out';
import { LIVE_CHANNELS_TOPIC, liveChannelTopic } from '../live/topics';
import { chatChannelNamed } from '../queries/chat-channel';
import { TopicFrame } from './live-frames.dto';

/** A dashboard may follow many channels, but one socket is not a way around the firehose. */
export const MAX_LIVE_TOPICS = 100;
const LIVE_EVENTS: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe']);

interface LiveConnection {
  /** Null when the token did not resolve: the socket is being closed. */
  principal: Promise<Principal | null>;
  topics: Map<string, () => void>;
  closed: boolean;
}

/**
 * Live updates at /ws/live: channel changes and new followers, for one channel
 * (`channel:<username>`) or for all (`channels`). Anonymous viewers, users and app tokens with the
 * `public` scope may subscribe.
 */
@WebSocketGateway({ path: '/ws/live', maxPayload: MAX_CLIENT_FRAME_BYTES })
@UseFilters(FrameErrorsFilter)
@UsePipes(frameValidationPipe())
export class LiveUpdatesGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly connections = new Map<WebSocket, LiveConnection>();
  private readonly heartbeat = new SocketHeartbeat();
  private readonly logger = new Logger('LiveUpdatesGateway');

  constructor(
    private readonly authentication: SocketAuthentication,
    private readonly fanOut: RedisFanOut,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  afterInit(server: WebSocketServer): void {
    this.heartbeat.start(server);
  }

  onModuleDestroy(): void {
    this.heartbeat.stop();
  }

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    this.heartbeat.watch(socket);
    answerUnknownFrames(socket, LIVE_EVENTS);
    const connection: LiveConnection = { principal: this.authentication.principalFor(this.authentication.tokenOf(request)), topics: new Map(), closed: false };
    this.connections.set(socket, connection);
    connection.principal.then(
      (principal) => {
        if (principal === null && !connection.closed) socket.close(INVALID_TOKEN_CLOSE.code, INVALID_TOKEN_CLOSE.reason);
      },
      (error: unknown) => {
        this.logger.error(`Live.Connection.Failed: ${(error as Error).message}`);
        socket.close(1011, 'live updates are unavailable right now: reconnect');
      },
    );
  }

  handleDisconnect(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    this.connections.delete(socket);
    connection.closed = true;
    for (const stop of connection.topics.values()) stop();
    connection.topics.clear();
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() frame: TopicFrame): Promise<Frame> {
    const connection = this.connectionOf(socket);
    const principal = await connection.principal;
    if (!principal) throw new UnauthenticatedError('invalid_token', INVALID_TOKEN_CLOSE.reason);
    requireScopeForApps(principal, 'public');
    const topic = frame.topic.toLowerCase();
    if (connection.topics.has(topic)) return { event: 'subscribed', data: { topic } };
    if (connection.topics.size >= MAX_LIVE_TOPICS) throw new ConflictError('too_many_topics', `One connection follows at most ${MAX_LIVE_TOPICS} topics: unsubscribe from one first.`);
    const redisTopic = topic === 'channels' ? LIVE_CHANNELS_TOPIC : liveChannelTopic((await chatChannelNamed(this.readModels.entityManager(), topic.slice('channel:'.length))).channelId);
    const stop = await this.fanOut.listen(redisTopic, (relayed) => sendFrame(socket, { event: relayed.event, data: relayed.data, id: relayed.id }));
    if (connection.closed || connection.topics.has(topic)) {
      stop();
    } else {
      connection.topics.set(topic, stop);
    }
    return { event: 'subscribed', data: { topic } };
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() frame: TopicFrame): Frame {
    const connection = this.connectionOf(socket);
    const topic = frame.topic.toLowerCase();
    connection.topics.get(topic)?.();
    connection.topics.delete(topic);
    return { event: 'unsubscribed', data: { topic } };
  }

  private connectionOf(socket: WebSocket): LiveConnection {
    const connection = this.connections.get(socket);
    if (!connection) throw new UnauthenticatedError('not_connected', 'This connection is closing: reconnect.');
    return connection;
  }
}
