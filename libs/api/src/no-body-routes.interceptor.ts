import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Observable } from 'rxjs';
import { ValidationError } from '@glint/domain-errors';

/**
 * A route that reads no body refuses one that brings fields, as every other route refuses fields
 * it does not know: a client that thinks it said something (which session to end) learns it did not.
 */
@Injectable()
export class NoBodyRoutesInterceptor implements NestInterceptor {
  private readonly readsBody = new WeakMap<object, boolean>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && !this.routeReadsBody(context)) {
      const { body } = context.switchToHttp().getRequest<{ body?: unknown }>();
      if (carriesSomething(body)) throw unexpectedBody(body);
    }
    return next.handle();
  }

  private routeReadsBody(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let reads = this.readsBody.get(handler);
    if (reads === undefined) {
      const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {};
      reads = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
      this.readsBody.set(handler, reads);
    }
    return reads;
  }
}

/** Names each field sent, as a refused unknown field is named on every other route. */
function unexpectedBody(body: unknown): ValidationError {
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
  if (fields.length === 0) return new ValidationError('unexpected_body', 'This route takes no body: send the request without one.', 'body');
  const problems = fields.map((field) => ({ field, rule: 'noBody', message: `${field} is not read here: this route takes no body, send the request without one.` }));
  return new ValidationError('unexpected_body', problems.map((problem) => problem.message).join('; '), fields[0], problems);
}

function carriesSomething(body: unknown): boolean {
  if (body === undefined || body === null) return false;
  if (typeof body === 'string') return body.trim() !== '';
  if (typeof body === 'object') return Object.keys(body).length > 0;
  return true;
}
