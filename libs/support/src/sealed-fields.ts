import type { SealedFields } from '@glint/personal-data';
import type { SupportEvent } from './events';

/** The fields of support's events that hold sealed personal values; every other string is plain. */
export const SUPPORT_SEALED_FIELDS = {
  SupportTicketOpened: ['body'],
  SupportTicketReplied: ['body'],
} as const satisfies SealedFields<SupportEvent>;
