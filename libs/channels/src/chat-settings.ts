import { ValidationError } from '@glint/domain-errors';
import { lengthOf } from './display-text';

/** The rules of a channel's chat, which the chat context enforces on every message. */
export interface ChatSettings {
  /** Markdown shown to chatters when they join. */
  chatRules: string;
  blockLinks: boolean;
  requireConfirmedEmail: boolean;
  /** How old an account must be, in hours, to chat here. */
  minimumAccountAgeHours: number;
  showRecentChatOnly: boolean;
}

export const DEFAULT_CHAT_SETTINGS: ChatSettings = {
  chatRules: '',
  blockLinks: false,
  requireConfirmedEmail: false,
  minimumAccountAgeHours: 0,
  showRecentChatOnly: false,
};

export const CHAT_RULES_MAX_LENGTH = 8192;
export const MINIMUM_ACCOUNT_AGE_MAX_HOURS = 720;
// Markdown needs line breaks and tabs; other control characters (NUL above all) have no place in it.
const CONTROL_CHARACTER = /[\p{Cc}]/u;
const LAYOUT = /[\t\n\r]/;

/** The given settings, checked; a setting that breaks its rule is refused by name. */
export function normaliseChatSettings(input: Partial<ChatSettings>): Partial<ChatSettings> {
  const normalised: Partial<ChatSettings> = {};
  if (input.blockLinks !== undefined) normalised.blockLinks = input.blockLinks;
  if (input.requireConfirmedEmail !== undefined) normalised.requireConfirmedEmail = input.requireConfirmedEmail;
  if (input.showRecentChatOnly !== undefined) normalised.showRecentChatOnly = input.showRecentChatOnly;
  if (input.chatRules !== undefined) normalised.chatRules = normaliseChatRules(input.chatRules);
  if (input.minimumAccountAgeHours !== undefined) {
    const hours = input.minimumAccountAgeHours;
    if (!Number.isInteger(hours) || hours < 0 || hours > MINIMUM_ACCOUNT_AGE_MAX_HOURS) {
      throw new ValidationError('invalid_minimum_account_age', `The minimum account age is a whole number of hours from 0 to ${MINIMUM_ACCOUNT_AGE_MAX_HOURS}, not ${hours}.`, 'minimumAccountAgeHours');
    }
    normalised.minimumAccountAgeHours = hours;
  }
  return normalised;
}

function normaliseChatRules(rules: string): string {
  const trimmed = rules.trim();
  const length = lengthOf(trimmed);
  if (length > CHAT_RULES_MAX_LENGTH) {
    throw new ValidationError('chat_rules_too_long', `Chat rules have at most ${CHAT_RULES_MAX_LENGTH} characters; these have ${length}.`, 'chatRules');
  }
  for (const character of trimmed) {
    if (CONTROL_CHARACTER.test(character) && !LAYOUT.test(character)) {
      throw new ValidationError('control_character', 'Chat rules may contain line breaks and tabs but no other control characters; remove them.', 'chatRules');
    }
  }
  return trimmed;
}
