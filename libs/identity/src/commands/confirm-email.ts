import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { tokenHash } from '../credentials/opaque-tokens';
import { confirmationTokenUnknown, userDecider } from '../decider';
import { userStreamName } from '../events';

/** Whoever holds the link from the confirmation mail confirms the address; no session is needed. */
@Injectable()
export class ConfirmEmailHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute(token: string, context: CommandContext): Promise<{ userId: string }> {
    const hash = tokenHash(token);
    const [found] = await this.readModels.entityManager().execute<Array<{ user_id: string }>>('SELECT user_id FROM email_confirmation_tokens WHERE token_hash = ?', [hash]);
    if (!found) throw confirmationTokenUnknown();
    const userId = found.user_id;
    const handled = await this.streams.handle(userStreamName(userId), userDecider, { type: 'ConfirmEmail', tokenHash: hash, now: context.now }, {
      ...context,
      actor: { type: 'user', userId, role: 'user' },
    });
    // Chat rules that ask for a confirmed address read it on the user's next request.
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
    return { userId };
  }
}
