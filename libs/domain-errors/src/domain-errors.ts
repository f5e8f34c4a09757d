/**
 * Why a command or query was refused, in the domain's words. Every context throws these and knows
 * nothing of HTTP: one exception filter turns them into problem-details responses. `code` is
 * stable for programs; `message` tells a person what was wrong and what to do.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    readonly code: string,
    message: string,
    /** The input field the refusal is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export type DomainErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited';

/** The input breaks a rule: a field is missing, too long, of the wrong kind. */
export class ValidationError extends DomainError {
  readonly kind = 'validation';
  constructor(
    code: string,
    message: string,
    field?: string,
    /** Every broken rule when there are several, each with its field. */
    readonly problems: Array<{ field: string; rule: string; message: string }> = [],
  ) {
    super(code, message, field);
  }
}

/** Nobody, or nobody valid, is signed in. */
export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
}

/** Someone is signed in but may not do this. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
}

/** The request is well formed but the current state refuses it: already done, changed meanwhile. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** The caller asks too often: the same request goes through after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly kind = 'rate_limited';
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}

/** The seconds after which a refusal lifts by itself, when it says so (a rate limit, a timeout). */
export function retryAfterSecondsOf(error: DomainError): number | undefined {
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}
