import { requireUser, type Principal, type UserPrincipal } from '@glint/access';
import type { EventSourcedStreams } from '@glint/event-sourcing';
import { userDecider, type Account } from '../user-decider';
import { userStreamName } from '../events';

export interface SignedInAccount {
  user: UserPrincipal;
  stream: string;
  state: Account;
}

/**
 * The signed-in user's account as it stands, for a credential to be checked against before
 * deciding: checking is slow and opens sealed values, so it happens once, outside the retried
 * load–decide–append, and the decider accepts the check only against what the account still holds.
 */
export async function loadSignedInAccount(streams: EventSourcedStreams, principal: Principal): Promise<SignedInAccount> {
  const user = requireUser(principal);
  const stream = userStreamName(user.userId);
  const { state } = await streams.load(stream, userDecider);
  return { user, stream, state };
}
