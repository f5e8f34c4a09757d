import type { SealedFields } from '@glint/personal-data';
import type { ModerationEvent } from './events';

/** The fields of moderation's events that hold sealed personal values; every other string is plain. */
export const MODERATION_SEALED_FIELDS = {
  UserReported: ['notes'],
} as const satisfies SealedFields<ModerationEvent>;
