import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { WebSocket } from 'ws';
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
    if (error instanceof DomainError) {
      const retryAfterSeconds = retryAfterSecondsOf(error);
      sendFrame(socket, {
        event: 'error',
        data: { error: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }), about },
      });
      return;
    }
    this.logger.error(`Frame "${about}" failed: ${loggableError(error)}`);
    sendFrame(socket, { event: 'error', data: { error: 'internal_error', message: 'Something went wrong on our side; it has been logged. Try again.', about } });
  }
}
