import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireStaffOrOperator, type OperatorPrincipal, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { EventStore } from '@glint/eventstore';
import { readAccountFacts } from '@glint/identity';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, EVENT_STORE, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import type { AccountState } from '../account-state/account-state';
import { replayAccountState } from '../account-state/account-state-replay';
import { decideAccountView, SUPPORT_DESK_ROLES } from '../account-view-decider';
import { supportAccessStreamName } from '../events';

/**
 * Support looks at an account as it stood at a moment (now when no moment is given): the look is
 * recorded with its reason first, then the account is rebuilt by replaying its streams up to then.
 */
export class ViewAccountStateCommand extends Command<AccountState> {
  constructor(
    /** Support staff through the API, or an operator through the CLI. */
    readonly principal: Principal | OperatorPrincipal,
    readonly subjectUserId: string,
    readonly request: { reason: string; asOf?: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ViewAccountStateCommand)
export class ViewAccountStateHandler implements ICommandHandler<ViewAccountStateCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ principal, subjectUserId, request, context }: ViewAccountStateCommand): Promise<AccountState> {
    const { staffUserId } = requireStaffOrOperator(principal, SUPPORT_DESK_ROLES);
    const em = this.readModels.entityManager();
    const subject = await readAccountFacts(em, subjectUserId);
    const [viewed] = decideAccountView({
      staffUserId,
      subjectUserId,
      subjectExists: subject !== null,
      view: 'state',
      asOf: request.asOf ?? context.now.toISOString(),
      reason: request.reason,
      now: context.now,
    });
    // The index of streams about the account must hold everything up to the moment asked for.
    await this.readModels.waitFor('all', await this.store.headPosition());
    await this.streams.append(supportAccessStreamName(staffUserId), [viewed], context);
    if (viewed.data.view !== 'state') throw new Error('A state view was decided as a history view.');
    return replayAccountState({ em, streams: this.streams, vault: this.vault }, subjectUserId, new Date(viewed.data.asOf));
  }
}
