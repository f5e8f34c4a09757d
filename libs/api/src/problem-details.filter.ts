import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { currentCorrelationId } from '@glint/runtime';
import { PROBLEM_CONTENT_TYPE, toProblemDetails } from './problem-details';

interface HttpRequest {
  method: string;
  originalUrl: string;
}

interface HttpResponse {
  header(name: string, value: string): this;
  status(code: number): this;
  type(contentType: string): this;
  send(body: string): this;
}

/** Every error a request causes leaves as a problem-details body (RFC 9457), never as a stack. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpResponse>();
    const { problem, internal } = toProblemDetails(error);
    problem.instance = request.originalUrl.split('?')[0];
    const correlationId = currentCorrelationId();
    if (correlationId) problem.correlationId = correlationId;
    if (internal) this.logger.error(`${request.method} ${problem.instance} failed`, error instanceof Error ? error.stack : String(error));
    if (problem.retryAfterSeconds !== undefined) response.header('retry-after', String(problem.retryAfterSeconds));
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
