import { ForbiddenError } from '@glint/domain-errors';

/** A refusal that lifts by itself: it says when the sender may try again. */
export interface RefusedForNow {
  readonly retryAfterSeconds: number;
}

/** Not allowed now, allowed later: a timeout, an account too new for the channel. */
export class ChatRefusedUntilLater extends ForbiddenError implements RefusedForNow {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}
