import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';

interface HttpResponse {
  status(code: number): this;
  type(contentType: string): this;
  send(body: string): this;
}

/**
 * A failed health check answers in the health check's own format (which dependency is down), the
 * shape monitors read, instead of the problem-details body every other route answers with.
 */
@Catch(HttpException)
export class HealthResponseFilter implements ExceptionFilter {
  catch(error: HttpException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<HttpResponse>().status(error.getStatus()).type('application/json').send(JSON.stringify(error.getResponse()));
  }
}
