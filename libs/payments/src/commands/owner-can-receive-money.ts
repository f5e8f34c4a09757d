import type { EventSourcedStreams } from '@glint/event-sourcing';
import { payoutAccountStreamName } from '../events';
import { payoutAccountDecider } from '../payout-account-decider';

/** Whether the user has an enabled payout account: a channel takes money only then. */
export async function canReceiveMoney(streams: EventSourcedStreams, userId: string): Promise<boolean> {
  const { state } = await streams.load(payoutAccountStreamName(userId), payoutAccountDecider);
  return state.enabled;
}
