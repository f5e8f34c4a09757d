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

export type DomainErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict';

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
