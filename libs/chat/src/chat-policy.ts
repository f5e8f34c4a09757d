import { ForbiddenError } from '@glint/domain-errors';
import { ChatRefusedUntilLater } from './chat-refusals';
import { containsLink } from './message-text';

/** What the policy needs to know about the sender, from the identity context's account facts. */
export interface ChatSenderFacts {
  userId: string;
  emailConfirmed: boolean;
  accountCreatedAt: Date;
  staffRole: string | null;
  globallyBanned: boolean;
}

/** The channel's owner and chat settings, from the channels context. */
export interface ChatChannelFacts {
  channelId: string;
  ownerId: string;
  chatSettings: { blockLinks: boolean; requireConfirmedEmail: boolean; minimumAccountAgeHours: number };
}

/** The sender's standing in this channel's chat, from the moderation context. */
export interface ChatStandingFacts {
  banned: boolean;
  timedOutUntil: Date | null;
}

export interface ChatPolicyInput {
  sender: ChatSenderFacts;
  channel: ChatChannelFacts;
  standing: ChatStandingFacts;
  text: string;
  now: Date;
}

/** Staff who keep a chat in order skip a channel's own rules, as its owner does. */
const STAFF_ABOVE_CHANNEL_RULES: readonly string[] = ['admin', 'support'];

const HOUR_MS = 3_600_000;

/**
 * May this sender post this text in this channel's chat now? Throws the first rule broken, in the
 * platform's order: channel ban, channel timeout, global ban, confirmed e-mail, account age, links.
 * The owner and staff skip every rule but the global ban.
 */
export function checkChatPolicy({ sender, channel, standing, text, now }: ChatPolicyInput): void {
  const aboveChannelRules = sender.userId === channel.ownerId || (sender.staffRole !== null && STAFF_ABOVE_CHANNEL_RULES.includes(sender.staffRole));
  if (!aboveChannelRules) {
    if (standing.banned) throw new ForbiddenError('banned_from_chat', 'You are banned from this chat.');
    if (standing.timedOutUntil && standing.timedOutUntil.getTime() > now.getTime()) {
      const seconds = Math.ceil((standing.timedOutUntil.getTime() - now.getTime()) / 1000);
      throw new ChatRefusedUntilLater('timed_out', `You are timed out in this chat for ${moreTime(seconds)}.`, seconds);
    }
  }
  if (sender.globallyBanned) throw new ForbiddenError('globally_banned', 'Your account is banned from Glint, so you cannot chat.');
  if (aboveChannelRules) return;
  const settings = channel.chatSettings;
  if (settings.requireConfirmedEmail && !sender.emailConfirmed) {
    throw new ForbiddenError('email_confirmation_required', 'This chat requires a confirmed e-mail address: confirm yours with the link we e-mailed you, then send again.');
  }
  const oldEnoughAt = sender.accountCreatedAt.getTime() + settings.minimumAccountAgeHours * HOUR_MS;
  if (oldEnoughAt > now.getTime()) {
    const seconds = Math.ceil((oldEnoughAt - now.getTime()) / 1000);
    const hours = Math.ceil(seconds / 3600);
    throw new ChatRefusedUntilLater(
      'account_too_new',
      `This chat requires accounts at least ${plural(settings.minimumAccountAgeHours, 'hour')} old: yours can chat here in ${plural(hours, 'more hour')}.`,
      seconds,
    );
  }
  if (settings.blockLinks && containsLink(text)) throw new ForbiddenError('links_not_allowed', 'Links are not allowed in this chat: send your message without the link.');
}

/** "4 more minutes" from 240 seconds; under a minute in seconds, so "0 more minutes" is never said. */
function moreTime(seconds: number): string {
  if (seconds < 60) return plural(seconds, 'more second');
  return plural(Math.ceil(seconds / 60), 'more minute');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
