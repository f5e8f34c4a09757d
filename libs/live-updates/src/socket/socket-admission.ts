import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { WebSocketServer } from 'ws';
import { PROBLEM_CONTENT_TYPE, toProblemDetails } from '@glint/api';
import { RateLimitedError } from '@glint/domain-errors';
import { loggableError, PLATFORM_CONFIG, type PlatformConfig } from '@glint/runtime';
import { clientAddressOf, Throttles } from '@glint/throttles';

type Verdict = (admitted: boolean, status?: number, body?: string, headers?: Record<string, string>) => void;

/**
 * Counts each WebSocket connection against the throttle of its client address, before the upgrade:
 * past the limit the handshake is answered 429 with Retry-After and a problem-details body, as an
 * HTTP route answers, and no socket is opened. One count covers /ws/chat and /ws/live.
 */
@Injectable()
export class SocketAdmission {
  private readonly logger = new Logger('WebSocket');

  constructor(
    private readonly throttles: Throttles,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** Makes `server` ask before each upgrade; ws reads the option at every handshake. */
  guard(server: WebSocketServer): void {
    server.options.verifyClient = (info: { req: IncomingMessage }, verdict: Verdict) => void this.admit(info.req, verdict);
  }

  private async admit(request: IncomingMessage, verdict: Verdict): Promise<void> {
    try {
      await this.throttles.socketConnections.take(clientAddressOf(request, this.config.trustProxyHops));
      verdict(true);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) this.logger.error(`WebSocket.Admission.Failed: ${loggableError(error)}`);
      const { problem } = toProblemDetails(error);
      problem.instance = new URL(request.url ?? '/', 'ws://glint').pathname;
      const headers: Record<string, string> = { 'Content-Type': PROBLEM_CONTENT_TYPE };
      if (problem.retryAfterSeconds !== undefined) headers['Retry-After'] = String(problem.retryAfterSeconds);
      verdict(false, problem.status, JSON.stringify(problem), headers);
    }
  }
}
