import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { payoutAccountStreamName } from '../events';
import { payoutAccountDecider, type PayoutAccount } from '../payout-account-decider';

/** What the payment processor reports of a user's payout account: able to receive money (and the tax withheld), or not and why. */
export type PayoutAccountReport = { enabled: true; taxWithholdingPercent: number } | { enabled: false; reason: string };

/** Records whether a user can receive money; a report that changes nothing records nothing. */
export class RecordPayoutAccountCommand extends Command<PayoutAccount> {
  constructor(
    readonly userId: string,
    readonly report: PayoutAccountReport,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordPayoutAccountCommand)
export class RecordPayoutAccountHandler implements ICommandHandler<RecordPayoutAccountCommand> {
  constructor(@Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams) {}

  async execute({ userId, report, context }: RecordPayoutAccountCommand): Promise<PayoutAccount> {
    const command = report.enabled
      ? ({ type: 'EnablePayoutAccount', userId, taxWithholdingPercent: report.taxWithholdingPercent } as const)
      : ({ type: 'DisablePayoutAccount', userId, reason: report.reason } as const);
    const { state } = await this.streams.handle(payoutAccountStreamName(userId), payoutAccountDecider, command, context);
    return state;
  }
}
