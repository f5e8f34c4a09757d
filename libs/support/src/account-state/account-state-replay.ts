import type { EntityManager } from '@mikro-orm/postgresql';
import { channelDecider, channelStreamName, moderatorsDecider, moderatorsStreamName, type ModeratorAppointments } from '@glint/channels';
import { followDecider, type Follow } from '@glint/community';
import type { EventSourcedStreams } from '@glint/event-sourcing';
import { userDecider, userStreamName } from '@glint/identity';
import { chatStandingDecider, type ChatStanding } from '@glint/moderation';
import type { PersonalDataVault } from '@glint/personal-data';
import { streamDecider, type Stream } from '@glint/streams';
import { isBroadcastOf } from './account-broadcasts';
import { UNREADABLE_VALUE } from '../queries/opened-personal-values';
import { accountStateOf, type AccountState, type ShownPersonalValue } from './account-state';

const FOLLOW_PREFIX = 'follow-';
const STANDING_PREFIX = 'chat-standing-';
const MODERATORS_PREFIX = 'moderators-';

/**
 * Rebuilds an account as it stood at `asOf` by replaying, through each context's own decider,
 * the events of every stream about it that happened by then. `account_history` says which
 * streams those are; the caller catches it up first when `asOf` is recent.
 */
export async function replayAccountState(
  deps: { em: EntityManager; streams: EventSourcedStreams; vault: PersonalDataVault },
  userId: string,
  asOf: Date,
): Promise<AccountState> {
  const { em, streams, vault } = deps;
  const streamNames = await streamsAboutAccount(em, userId, asOf);
  const channelIdIn = (name: string, prefix: string): string | null =>
    name.startsWith(prefix) && name.endsWith(`-${userId}`) ? name.slice(prefix.length, name.length - userId.length - 1) : null;

  const follows = new Map<string, Follow>();
  const standings = new Map<string, ChatStanding>();
  const moderatedChannels = new Map<string, ModeratorAppointments>();
  const broadcasts: Stream[] = [];
  const [account, channel, moderators] = await Promise.all([
    streams.load(userStreamName(userId), userDecider, { asOf }),
    streams.load(channelStreamName(userId), channelDecider, { asOf }),
    streams.load(moderatorsStreamName(userId), moderatorsDecider, { asOf }),
    ...streamNames.map(async (name) => {
      const followed = channelIdIn(name, FOLLOW_PREFIX);
      if (followed) follows.set(followed, (await streams.load(name, followDecider, { asOf })).state);
      const standingIn = channelIdIn(name, STANDING_PREFIX);
      if (standingIn) standings.set(standingIn, (await streams.load(name, chatStandingDecider, { asOf })).state);
      if (name.startsWith(MODERATORS_PREFIX) && name !== moderatorsStreamName(userId)) {
        moderatedChannels.set(name.slice(MODERATORS_PREFIX.length), (await streams.load(name, moderatorsDecider, { asOf })).state);
      }
      if (isBroadcastOf(name, userId)) broadcasts.push((await streams.load(name, streamDecider, { asOf })).state);
    }),
  ]);
  const email = account.state.status === 'registered' ? await openedEmail(vault, account.state.emailSealed) : null;
  return accountStateOf(userId, asOf, { account: account.state, channel: channel.state, moderators: moderators.state, follows, standings, moderatedChannels, broadcasts }, email);
}

/** The address as support sees it: null once erased, unreadable when its sealed value is damaged. */
async function openedEmail(vault: PersonalDataVault, emailSealed: string): Promise<ShownPersonalValue> {
  const [opened] = await vault.openEach([emailSealed]);
  return opened.status === 'opened' ? opened.value : opened.status === 'erased' ? null : UNREADABLE_VALUE;
}

async function streamsAboutAccount(em: EntityManager, userId: string, asOf: Date): Promise<string[]> {
  const rows: Array<{ stream_name: string }> = await em
    .getConnection()
    .execute('SELECT DISTINCT stream_name FROM account_history WHERE user_id = ? AND occurred_at <= ?', [userId, asOf]);
  return rows.map((row) => row.stream_name);
}
