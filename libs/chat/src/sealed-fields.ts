import type { SealedFields } from '@glint/personal-data';
import type { ChatEvent } from './events';

/** The fields of chat's events that hold sealed personal values; every other string is plain. */
export const CHAT_SEALED_FIELDS = {
  ChatMessageSent: ['text'],
} as const satisfies SealedFields<ChatEvent>;
