import { DomainError, retryAfterSecondsOf } from '@glint/domain-errors';
import { checkChatPolicy, type ChatChannelFacts, type ChatPolicyInput, type ChatSenderFacts, type ChatStandingFacts } from './chat-policy';

const now = new Date('2026-11-24T12:00:00.000Z');
const minutesFromNow = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

const owner = 'owner-1';
const chatter: ChatSenderFacts = { userId: 'chatter-1', emailConfirmed: true, accountCreatedAt: hoursAgo(1000), staffRole: null, globallyBanned: false };
const strictChannel: ChatChannelFacts = { channelId: owner, ownerId: owner, chatSettings: { blockLinks: true, requireConfirmedEmail: true, minimumAccountAgeHours: 24 } };
const goodStanding: ChatStandingFacts = { banned: false, timedOutUntil: null };

const as = (changes: Partial<ChatSenderFacts>): ChatSenderFacts => ({ ...chatter, ...changes });
const standing = (changes: Partial<ChatStandingFacts>): ChatStandingFacts => ({ ...goodStanding, ...changes });
const settings = (changes: Partial<ChatChannelFacts['chatSettings']>): ChatChannelFacts => ({ ...strictChannel, chatSettings: { ...strictChannel.chatSettings, ...changes } });

/** Everything wrong at once: each row lifts one problem to show which rule comes next. */
const everythingWrong = {
  sender: as({ globallyBanned: true, emailConfirmed: false, accountCreatedAt: hoursAgo(1) }),
  standing: standing({ banned: true, timedOutUntil: minutesFromNow(4) }),
  text: 'see https://example.com',
};

type Refusal = { refused: string; retryAfterSeconds?: number; message: string };

function outcomeOf(input: ChatPolicyInput): Refusal | 'allowed' {
  try {
    checkChatPolicy(input);
    return 'allowed';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { refused: error.code, retryAfterSeconds: retryAfterSecondsOf(error), message: error.message };
  }
}

describe('checkChatPolicy', () => {
  it.each<[string, Partial<ChatPolicyInput>, { refused: string; retryAfterSeconds?: number; says: RegExp } | 'allowed']>([
    ['a chatter in good standing may chat', {}, 'allowed'],
    ['a channel ban refuses', { standing: standing({ banned: true }) }, { refused: 'banned_from_chat', says: /banned from this chat/ }],
    ['a timeout refuses with the minutes left', { standing: standing({ timedOutUntil: minutesFromNow(4) }) }, { refused: 'timed_out', retryAfterSeconds: 240, says: /for 4 more minutes/ }],
    ['a part minute left counts as a whole one', { standing: standing({ timedOutUntil: new Date(now.getTime() + 61_000) }) }, { refused: 'timed_out', retryAfterSeconds: 61, says: /for 2 more minutes/ }],
    ['under a minute left is said in seconds', { standing: standing({ timedOutUntil: new Date(now.getTime() + 30_000) }) }, { refused: 'timed_out', retryAfterSeconds: 30, says: /for 30 more seconds/ }],
    ['a timeout that has run out no longer refuses', { standing: standing({ timedOutUntil: now }) }, 'allowed'],
    ['a global ban refuses', { sender: as({ globallyBanned: true }) }, { refused: 'globally_banned', says: /banned from Glint/ }],
    ['an unconfirmed e-mail refuses where the channel requires one', { sender: as({ emailConfirmed: false }) }, { refused: 'email_confirmation_required', says: /confirm yours/ }],
    ['an unconfirmed e-mail is fine where the channel does not require one', { sender: as({ emailConfirmed: false }), channel: settings({ requireConfirmedEmail: false }) }, 'allowed'],
    ['a too-new account refuses with the hours required and left', { sender: as({ accountCreatedAt: hoursAgo(19) }) }, { refused: 'account_too_new', retryAfterSeconds: 5 * 3600, says: /at least 24 hours old: yours can chat here in 5 more hours/ }],
    ['a part hour left counts as a whole one', { sender: as({ accountCreatedAt: new Date(hoursAgo(23).getTime() - 60_000) }) }, { refused: 'account_too_new', retryAfterSeconds: 3540, says: /in 1 more hour\./ }],
    ['an account exactly old enough may chat', { sender: as({ accountCreatedAt: hoursAgo(24) }) }, 'allowed'],
    ['a new account may chat where the channel sets no minimum age', { sender: as({ accountCreatedAt: now }), channel: settings({ minimumAccountAgeHours: 0 }) }, 'allowed'],
    ['a link refuses where links are blocked', { text: 'watch at glint.tv/someone' }, { refused: 'links_not_allowed', says: /Links are not allowed/ }],
    ['a link is fine where links are not blocked', { text: 'https://glint.tv', channel: settings({ blockLinks: false }) }, 'allowed'],
    ['order: the channel ban comes first', everythingWrong, { refused: 'banned_from_chat', says: /banned/ }],
    ['order: then the timeout', { ...everythingWrong, standing: standing({ timedOutUntil: minutesFromNow(4) }) }, { refused: 'timed_out', retryAfterSeconds: 240, says: /4 more minutes/ }],
    ['order: then the global ban', { ...everythingWrong, standing: goodStanding }, { refused: 'globally_banned', says: /banned from Glint/ }],
    ['order: then the e-mail', { ...everythingWrong, standing: goodStanding, sender: as({ emailConfirmed: false, accountCreatedAt: hoursAgo(1) }) }, { refused: 'email_confirmation_required', says: /e-mail/ }],
    ['order: then the account age', { ...everythingWrong, standing: goodStanding, sender: as({ accountCreatedAt: hoursAgo(1) }) }, { refused: 'account_too_new', retryAfterSeconds: 23 * 3600, says: /23 more hours/ }],
    ['order: links come last', { ...everythingWrong, standing: goodStanding, sender: chatter }, { refused: 'links_not_allowed', says: /Links/ }],
    ['the owner skips the channel rules', { ...everythingWrong, sender: as({ userId: owner, emailConfirmed: false, accountCreatedAt: hoursAgo(1) }) }, 'allowed'],
    ['an admin skips the channel rules', { ...everythingWrong, sender: as({ staffRole: 'admin', emailConfirmed: false, accountCreatedAt: hoursAgo(1) }) }, 'allowed'],
    ['support staff skip the channel rules', { ...everythingWrong, sender: as({ staffRole: 'support', emailConfirmed: false, accountCreatedAt: hoursAgo(1) }) }, 'allowed'],
    ['an analyst does not skip them', { ...everythingWrong, sender: as({ staffRole: 'analyst', emailConfirmed: false, accountCreatedAt: hoursAgo(1) }) }, { refused: 'banned_from_chat', says: /banned/ }],
    ['a globally banned owner is still refused', { ...everythingWrong, sender: as({ userId: owner, globallyBanned: true }) }, { refused: 'globally_banned', says: /banned from Glint/ }],
    ['a globally banned admin is still refused', { ...everythingWrong, sender: as({ staffRole: 'admin', globallyBanned: true }) }, { refused: 'globally_banned', says: /banned from Glint/ }],
  ])('%s', (_, given, expected) => {
    const input: ChatPolicyInput = { sender: chatter, channel: strictChannel, standing: goodStanding, text: 'hello everyone', now, ...given };
    const outcome = outcomeOf(input);
    if (expected === 'allowed') {
      expect(outcome).toBe('allowed');
      return;
    }
    const { says, ...refusal } = expected;
    expect(outcome).toEqual({ retryAfterSeconds: undefined, ...refusal, message: expect.stringMatching(says) });
  });
});
