import { HttpException, HttpStatus } from '@nestjs/common';
import { ConcurrentChangeError, DomainError, type DomainErrorKind, retryAfterSecondsOf, ValidationError } from '@glint/domain-errors';
import { EventStoreError, WrongExpectedRevisionError } from '@glint/eventstore';
import { dependencyOutageOf } from './dependency-outage';

/** An error response body as RFC 9457 defines it, with Glint's stable `error` code beside it. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable, for programs: `cannot_follow_self`, `not_found`, … */
  error: string;
  field?: string;
  errors?: Array<{ field: string; rule: string; message: string }>;
  /** When the refusal lifts by itself; also sent as the Retry-After header. */
  retryAfterSeconds?: number;
  instance?: string;
  correlationId?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const STATUS_OF: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * What any error thrown while handling a request becomes; `internal` means it must be logged, and
 * `outage` that a dependency was out of reach (worth a line, not a stack).
 */
export function toProblemDetails(error: unknown): { problem: ProblemDetails; internal: boolean; outage?: boolean } {
  if (error instanceof DomainError) {
    const problem = problemOf(STATUS_OF[error.kind], error.code, error.message);
    if (error.field) problem.field = error.field;
    if (error instanceof ValidationError && error.problems.length > 0) problem.errors = error.problems;
    const retryAfterSeconds = retryAfterSecondsOf(error);
    if (retryAfterSeconds !== undefined) problem.retryAfterSeconds = retryAfterSeconds;
    return { problem, internal: false };
  }
  // A concurrent change won the race: the caller can reload and try again.
  if (error instanceof WrongExpectedRevisionError) return toProblemDetails(new ConcurrentChangeError('This'));
  // PostgreSQL or Redis out of reach: nobody's defect, and the same request works once it is back.
  const outage = dependencyOutageOf(error);
  if (outage) return { ...toProblemDetails(outage), outage: true };
  // Anything else the store refuses was not checked before it got there: a defect, not the caller's.
  if (error instanceof EventStoreError) return { problem: internalProblem(), internal: true };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return { problem: problemOf(status, codeOfStatus(status), messageOf(error)), internal: status >= 500 };
  }
  return { problem: internalProblem(), internal: true };
}

function problemOf(status: number, code: string, detail: string): ProblemDetails {
  return { type: `urn:glint:problem:${code}`, title: titleOf(status), status, detail, error: code };
}

function internalProblem(): ProblemDetails {
  return problemOf(HttpStatus.INTERNAL_SERVER_ERROR, 'internal_error', 'Something went wrong on our side; it has been logged. Try again, and quote the correlation id if it persists.');
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

function codeOfStatus(status: number): string {
  return (HttpStatus[status] ?? 'error').toLowerCase();
}

function titleOf(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  const words = name.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
