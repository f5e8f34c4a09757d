import type { IncomingMessage } from 'node:http';
import type { Logger, OnModuleDestroy } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit } from '@nestjs/websockets';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Principal } from '@glint/access';
import { UnauthenticatedError } from '@glint/domain-errors';
import { loggableError } from '@glint/runtime';
import type { RedisFanOut } from '../redis-fan-out';
import { userTopic } from '../topics';
import type { SocketAdmission } from './socket-admission';
import { INVALID_TOKEN_CLOSE, type SocketAuthentication } from './socket-authentication';
import { answerUnknownFrames } from './socket-frames';
import { SocketHeartbeat } from './socket-heartbeat';

/** What every Glint socket keeps from its connect: the token it came with and whom it stood for then. */
export interface SocketSession {
  token: string | null;
  /** Null when the token did not resolve: the socket is being closed. */
  principal: Promise<Principal | null>;
  /** Set on disconnect, so work still in flight for the socket lets go of what it took. */
  closed: boolean;
}

/** What sets one endpoint's sockets apart from another's. */
export interface SocketSessionTerms<S extends SocketSession> {
  /** Starts the endpoint's log events: `Chat` logs `Chat.Connection.Failed`. */
  component: string;
  logger: Logger;
  /** The frame events the endpoint handles; any other is answered with an error frame. */
  events: ReadonlySet<string>;
  /** Close reason for a socket the endpoint cannot serve, as when the token could not be checked. */
  unavailableReason: string;
  /** The session with the endpoint's own bookkeeping for a new socket. */
  begin: (session: SocketSession) => S;
  /** Lets go of everything the socket holds; runs once, when it disconnects. */
  release: (session: S) => void;
}

const UNAVAILABLE_CLOSE_CODE = 1011;

/** Close code and reason for the sockets of a user banned from Glint, and of their apps. */
export const GLOBALLY_BANNED_CLOSE = { code: 4003, reason: 'globally banned' } as const;
/** Close code and reason for a user's socket whose session was signed out or otherwise ended. */
export const SESSION_ENDED_CLOSE = { code: 4001, reason: 'session ended: sign in again and reconnect' } as const;
/** Close code and reason for the sockets of a deleted account, and of its apps. */
export const ACCOUNT_DELETED_CLOSE = { code: 4001, reason: 'account deleted' } as const;

/**
 * The sockets of one endpoint: each is admitted under the connection throttle, authenticated on
 * connect and again by `principalNow` before it acts, kept alive by the heartbeat, closed the moment
 * its user (or its app's owner) is banned or its session ends, and forgotten on disconnect, so a
 * frame handler finds its session or learns the socket is closing.
 */
export class SocketSessions<S extends SocketSession> {
  private readonly sessions = new Map<WebSocket, S>();
  /** What stops listening to the frames of the user a socket stands for. */
  private readonly userFrames = new Map<WebSocket, () => void>();
  private readonly heartbeat = new SocketHeartbeat();

  constructor(
    private readonly authentication: SocketAuthentication,
    private readonly admission: SocketAdmission,
    private readonly fanOut: RedisFanOut,
    private readonly terms: SocketSessionTerms<S>,
  ) {}

  start(server: WebSocketServer): void {
    this.admission.guard(server);
    this.heartbeat.start(server);
  }

  stop(): void {
    this.heartbeat.stop();
  }

  open(socket: WebSocket, request: IncomingMessage): void {
    this.heartbeat.watch(socket);
    answerUnknownFrames(socket, this.terms.events);
    const token = this.authentication.tokenOf(request);
    // The socket listens for its user's ban and sign-out before any frame acts as them, so none
    // recorded after its first reply goes unheard.
    const principal = this.authentication.principalFor(token).then(async (resolved) => {
      if (resolved !== null) await this.closeWhenSanctioned(socket, session, resolved);
      return resolved;
    });
    const session = this.terms.begin({ token, principal, closed: false });
    this.sessions.set(socket, session);
    session.principal
      .then((principal) => {
        if (principal === null && !session.closed) socket.close(INVALID_TOKEN_CLOSE.code, INVALID_TOKEN_CLOSE.reason);
      })
      .catch((error: unknown) => {
        this.terms.logger.error(`${this.terms.component}.Connection.Failed: ${loggableError(error)}`);
        socket.close(UNAVAILABLE_CLOSE_CODE, this.terms.unavailableReason);
      });
  }

  close(socket: WebSocket): void {
    const session = this.sessions.get(socket);
    if (!session) return;
    this.sessions.delete(socket);
    session.closed = true;
    this.userFrames.get(socket)?.();
    this.userFrames.delete(socket);
    this.terms.release(session);
  }

  /**
   * Whom the socket's token stands for now: a session ended since the socket connected (a sign-out,
   * a ban) or an app whose owner was banned stops acting at once, not at the next reconnect.
   */
  async principalNow(session: S): Promise<Principal> {
    await principalOnConnect(session);
    const principal = await this.authentication.principalFor(session.token);
    if (!principal) throw new UnauthenticatedError('session_ended', 'Your session has ended: sign in again and reconnect with the new token.');
    return principal;
  }

  /** A global ban or a deletion closes the socket of the user, or of an app of theirs; a user's ended session closes theirs. */
  private async closeWhenSanctioned(socket: WebSocket, session: S, principal: Principal): Promise<void> {
    if (principal.kind === 'anonymous') return;
    const userId = principal.kind === 'user' ? principal.userId : principal.ownerId;
    const sessionId = principal.kind === 'user' ? principal.sessionId : null;
    const stop = await this.fanOut.listen(userTopic(userId), (relayed) => {
      if (relayed.event === 'globally_banned') socket.close(GLOBALLY_BANNED_CLOSE.code, GLOBALLY_BANNED_CLOSE.reason);
      else if (relayed.event === 'account_deleted') socket.close(ACCOUNT_DELETED_CLOSE.code, ACCOUNT_DELETED_CLOSE.reason);
      else if (relayed.event === 'session_ended' && sessionId !== null && relayed.data.sessionId === sessionId) socket.close(SESSION_ENDED_CLOSE.code, SESSION_ENDED_CLOSE.reason);
    });
    if (session.closed) stop();
    else this.userFrames.set(socket, stop);
  }

  of(socket: WebSocket): S {
    const session = this.sessions.get(socket);
    if (!session) throw new UnauthenticatedError('not_connected', 'This connection is closing: reconnect.');
    return session;
  }
}

/**
 * A WebSocket endpoint (a Nest `@WebSocketGateway`) whose sockets its sessions keep: Nest's
 * connection lifecycle goes to them.
 */
export abstract class LiveSocket<S extends SocketSession> implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  protected abstract readonly connections: SocketSessions<S>;

  afterInit(server: WebSocketServer): void {
    this.connections.start(server);
  }

  onModuleDestroy(): void {
    this.connections.stop();
  }

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    this.connections.open(socket, request);
  }

  handleDisconnect(socket: WebSocket): void {
    this.connections.close(socket);
  }
}

/** Whom the socket's token stood for on connect; a token that did not resolve is refused. */
export async function principalOnConnect(session: SocketSession): Promise<Principal> {
  const principal = await session.principal;
  if (!principal) throw new UnauthenticatedError('invalid_token', INVALID_TOKEN_CLOSE.reason);
  return principal;
}
