import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { WebSocket } from 'ws';
import { dependencyOutageOf } from '@glint/api';
import { DomainError, retryAfterSecondsOf } from '@glint/domain-errors';
import { loggableError } from '@glint/runtime';
import { sendFrame } from './socket-frames';

/**
 * A refused or failed frame is answered with an `error` frame on the same socket, which stays open:
 * `{error, message, field?, retryAfterSeconds?, about}` where `about` is the event that failed.
 */
@Catch()
export class FrameErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebSocket');

  catch(error: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    const about = ws.getPattern();
    const socket = ws.getClient<WebSocket>();
    // PostgreSQL or Redis out of reach is refused as `unavailable`, as over HTTP: the same frame works once it is back.
    const refusal = error instanceof DomainError ? error : dependencyOutageOf(error);
    if (refusal) {
      const retryAfterSeconds = retryAfterSecondsOf(refusal);
      sendFrame(socket, {
        event: 'error',
        data: { error: refusal.code, message: refusal.message, ...(refusal.field ? { field: refusal.field } : {}), ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }), about },
      });
      if (!(error instanceof DomainError)) this.logger.warn(`Frame "${about}" refused as unavailable: ${loggableError(error).split('\n')[0]}`);
      return;
    }
    this.logger.error(`Frame "${about}" failed: ${loggableError(error)}`);
    sendFrame(socket, { event: 'error', data: { error: 'internal_error', message: 'Something went wrong on our side; it has been logged. Try again.', about } });
  }
}
