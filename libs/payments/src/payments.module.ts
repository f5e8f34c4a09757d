import { Module } from '@nestjs/common';
import { CancelSubscriptionHandler } from './commands/cancel-subscription';
import { MakeDonationHandler } from './commands/make-donation';
import { RecordPayoutAccountHandler } from './commands/record-payout-account';
import { StartSubscriptionHandler } from './commands/start-subscription';

/** Money: subscriptions, gifts, donations, their refunds and disputes, and who can receive money. */
@Module({
  providers: [StartSubscriptionHandler, CancelSubscriptionHandler, MakeDonationHandler, RecordPayoutAccountHandler],
})
export class PaymentsModule {}
