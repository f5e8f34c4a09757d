import { Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ConnectedSocket, MessageBody, SubscribeMessage } from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { actorOf, type Principal } from '@glint/access';
import { GetChannelPageQuery } from '@glint/channels';
import { ConflictError, UnauthenticatedError } from '@glint/domain-errors';
import { commandContext, type CommandContext } from '@glint/event-sourcing';
import {
  chatTopic,
  LiveSocket,
  LiveSocketAt,
  principalOnConnect,
  RedisFanOut,
  sendFrame,
  SocketAdmission,
  SocketAuthentication,
  SocketSessions,
  type Frame,
  type RelayedFrame,
  type SocketSession,
} from '@glint/live-updates';
import { DeleteChatMessageCommand } from '../commands/delete-chat-message';
import { SendChatMessageCommand } from '../commands/send-chat-message';
import { RecentChatQuery } from '../queries/recent-chat';
import { ChannelFrame, DeleteFrame, SendFrame } from './chat-frames.dto';

/** Enough for a viewer with a few chats open, too few to follow the whole platform from one socket. */
export const MAX_JOINED_CHANNELS = 20;
const CHAT_EVENTS: ReadonlySet<string> = new Set(['join', 'leave', 'send', 'delete']);

interface JoinedChat {
  username: string;
  stop: () => void;
}

/** One socket's session, with the chats it joined. */
interface ChatConnection extends SocketSession {
  joined: Map<string, JoinedChat>;
}

/**
 * The chat WebSocket at /ws/chat. Anyone may join a channel's chat and read it; signed-in users
 * may send, and moderators delete. Live frames reach this process's sockets through Redis from the
 * one live relay, so every platform process shows the same chat.
 *
 * Client frames: `join {channel}` → `joined {channel, rules, settings, recent}`; `leave {channel}` →
 * `left`; `send {channel, text}` → `sent {channel, messageId}`; `delete {channel, messageId}` →
 * `deleted`. A refusal answers `error {error, message, field?, retryAfterSeconds?, about}`.
 * Live frames, each with the `id` of its event: `message`, `message_deleted`, `user_timed_out`,
 * `user_timeout_lifted`, `user_banned`, `user_unbanned`.
 */
@LiveSocketAt('/ws/chat')
export class ChatSocket extends LiveSocket<ChatConnection> {
  protected override readonly connections: SocketSessions<ChatConnection>;

  constructor(
    authentication: SocketAuthentication,
    admission: SocketAdmission,
    private readonly fanOut: RedisFanOut,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {
    super();
    this.connections = new SocketSessions<ChatConnection>(authentication, admission, fanOut, {
      component: 'Chat',
      logger: new Logger('ChatSocket'),
      events: CHAT_EVENTS,
      unavailableReason: 'chat is unavailable right now: reconnect',
      begin: (session) => ({ ...session, joined: new Map() }),
      release: (connection) => {
        for (const joined of connection.joined.values()) joined.stop();
        connection.joined.clear();
      },
    });
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: WebSocket, @MessageBody() frame: ChannelFrame): Promise<void> {
    const connection = this.connections.of(socket);
    const { channel } = await this.queries.execute(new GetChannelPageQuery(await principalOnConnect(connection), frame.channel));
    connection.joined.get(channel.channelId)?.stop();
    connection.joined.delete(channel.channelId);
    if (connection.joined.size >= MAX_JOINED_CHANNELS) {
      throw new ConflictError('too_many_chats', `One connection follows at most ${MAX_JOINED_CHANNELS} chats: leave one first.`);
    }

    // Listening starts before the history is read, so no message falls between the two; what
    // arrives meanwhile waits until the joined frame is out, minus what the history already shows.
    const waiting: RelayedFrame[] = [];
    let live = false;
    const stop = await this.fanOut.listen(chatTopic(channel.channelId), (relayed) => {
      if (live) sendFrame(socket, toClientFrame(relayed, channel.username));
      else waiting.push(relayed);
    });
    if (connection.closed) return stop();
    // A second join of the same chat racing this one: the later listener wins, the earlier stops.
    connection.joined.get(channel.channelId)?.stop();
    connection.joined.set(channel.channelId, { username: channel.username, stop });
    try {
      const recent = await this.queries.execute(new RecentChatQuery(channel, new Date()));
      sendFrame(socket, { event: 'joined', data: { channel: channel.username, rules: channel.chatRules, settings: channel.chatSettings, recent } });
      const shown = new Set(recent.map((message) => message.messageId));
      for (const relayed of waiting) {
        if (relayed.event !== 'message' || !shown.has(relayed.data.messageId as string)) sendFrame(socket, toClientFrame(relayed, channel.username));
      }
      live = true;
    } catch (error) {
      stop();
      if (connection.joined.get(channel.channelId)?.stop === stop) connection.joined.delete(channel.channelId);
      throw error;
    }
  }

  @SubscribeMessage('leave')
  leave(@ConnectedSocket() socket: WebSocket, @MessageBody() frame: ChannelFrame): Frame {
    const connection = this.connections.of(socket);
    for (const [channelId, joined] of connection.joined) {
      if (joined.username.toLowerCase() !== frame.channel.toLowerCase()) continue;
      joined.stop();
      connection.joined.delete(channelId);
      return { event: 'left', data: { channel: joined.username } };
    }
    return { event: 'left', data: { channel: frame.channel } };
  }

  @SubscribeMessage('send')
  async send(@ConnectedSocket() socket: WebSocket, @MessageBody() frame: SendFrame): Promise<Frame> {
    const principal = await this.principalNow(this.connections.of(socket));
    const sent = await this.commands.execute(new SendChatMessageCommand(principal, frame.channel, frame.text, frameContext(principal), { readBack: false }));
    return { event: 'sent', data: { channel: frame.channel, messageId: sent.messageId } };
  }

  @SubscribeMessage('delete')
  async delete(@ConnectedSocket() socket: WebSocket, @MessageBody() frame: DeleteFrame): Promise<Frame> {
    const principal = await this.principalNow(this.connections.of(socket));
    await this.commands.execute(new DeleteChatMessageCommand(principal, frame.channel, frame.messageId, frameContext(principal)));
    return { event: 'deleted', data: { channel: frame.channel, messageId: frame.messageId } };
  }

  /** Sending and deleting ask again who the token stands for, as every socket's acting frame does. */
  private async principalNow(connection: ChatConnection): Promise<Principal> {
    const principal = await this.connections.principalNow(connection);
    if (principal.kind === 'anonymous') throw new UnauthenticatedError('sign_in_required', 'Sign in to chat: connect with ?token=<your session token>.');
    return principal;
  }
}

/** A relayed frame as this socket receives it: with the channel's username beside its id. */
function toClientFrame(relayed: RelayedFrame, channel: string): Frame {
  return { event: relayed.event, data: { channel, ...relayed.data }, id: relayed.id };
}

function frameContext(principal: Principal): CommandContext {
  return commandContext(actorOf(principal));
}
