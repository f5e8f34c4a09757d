import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { currentCorrelationId, loggableError } from '@glint/runtime';
import { PROBLEM_CONTENT_TYPE, toProblemDetails } from './problem-details';

interface HttpRequest {
  method: string;
  originalUrl: string;
  /** Fastify's route; the path itself may carry what no log line may (a WHIP session's URL). */
  routeOptions?: { url?: string };
}

interface HttpResponse {
  header(name: string, value: string): this;
  status(code: number): this;
  type(contentType: string): this;
  send(body: string): this;
}

/**
 * Every error a request causes leaves as a problem-details body (RFC 9457), never as a stack. An
 * internal one is logged by its route, without the values a database error carries.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpResponse>();
    const { problem, internal, outage } = toProblemDetails(error);
    problem.instance = request.originalUrl.split('?')[0];
    const correlationId = currentCorrelationId();
    if (correlationId) problem.correlationId = correlationId;
    if (outage) this.logger.warn(`${request.method} ${request.routeOptions?.url ?? '(no route)'} answered 503: ${outageOf(error)}`);
    if (internal) this.logger.error(`${request.method} ${request.routeOptions?.url ?? '(no route)'} failed: ${loggableError(error)}`);
    if (problem.retryAfterSeconds !== undefined) response.header('retry-after', String(problem.retryAfterSeconds));
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}

/** The error's kind and code, enough to tell PostgreSQL from Redis, without its stack or values. */
function outageOf(error: unknown): string {
  const firstLine = loggableError(error).split('\n')[0];
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !firstLine.includes(code) ? `${firstLine} (${code})` : firstLine;
}
