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

export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'too_large'
  | 'unprocessable'
  | 'unavailable';

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

/** The body is of a kind this route does not take (a WHIP offer that is not `application/sdp`). */
export class UnsupportedMediaTypeError extends DomainError {
  readonly kind = 'unsupported_media_type';
}

/** The body is larger than this route ever takes. */
export class TooLargeError extends DomainError {
  readonly kind = 'too_large';
}

/** Well formed, but asks for something Glint cannot do (media in no codec it forwards). */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
}

/** Glint cannot serve this now (overloaded, or shutting down); the same request may work later. */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable';
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
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

/**
 * The one refusal for a lost race: another writer changed the same thing while this request was
 * decided, every retry included. The same request, sent again, is decided on the new state.
 */
export class ConcurrentChangeError extends ConflictError {
  constructor(what: string) {
    super('concurrent_change', `${what} was changed by someone else while this request was decided; try again.`);
  }
}
