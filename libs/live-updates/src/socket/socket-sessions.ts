import type { IncomingMessage } from 'node:http';
import type { Logger, OnModuleDestroy } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit } from '@nestjs/websockets';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Principal } from '@glint/access';
import { UnauthenticatedError } from '@glint/domain-errors';
import { loggableError } from '@glint/runtime';
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
  /** Runs once a socket's token resolved, unless it closed meanwhile; a failure closes the socket as unavailable. */
  signedIn?: (socket: WebSocket, session: S, principal: Principal) => Promise<void>;
  /** Lets go of everything the socket holds; runs once, when it disconnects. */
  release: (session: S) => void;
}

const UNAVAILABLE_CLOSE_CODE = 1011;

/**
 * The sockets of one endpoint: each is admitted under the connection throttle, authenticated once,
 * on connect, kept alive by the heartbeat, and forgotten on disconnect, so a frame handler finds
 * its session or learns the socket is closing.
 */
export class SocketSessions<S extends SocketSession> {
  private readonly sessions = new Map<WebSocket, S>();
  private readonly heartbeat = new SocketHeartbeat();

  constructor(
    private readonly authentication: SocketAuthentication,
    private readonly admission: SocketAdmission,
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
    const session = this.terms.begin({ token, principal: this.authentication.principalFor(token), closed: false });
    this.sessions.set(socket, session);
    session.principal
      .then(async (principal) => {
        if (session.closed) return;
        if (principal === null) {
          socket.close(INVALID_TOKEN_CLOSE.code, INVALID_TOKEN_CLOSE.reason);
          return;
        }
        await this.terms.signedIn?.(socket, session, principal);
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
    this.terms.release(session);
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
