import { CHAT_SEALED_FIELDS } from '@glint/chat';
import { IDENTITY_SEALED_FIELDS } from '@glint/identity';
import { MODERATION_SEALED_FIELDS } from '@glint/moderation';
import type { SealedFieldRegistry } from '@glint/personal-data';
import { SUPPORT_SEALED_FIELDS } from './sealed-fields';

/**
 * Every context's declaration of the fields that hold sealed personal values, by event type: what
 * support's views open, and all they open. A context that seals a new field declares it beside its
 * events and is listed here.
 */
export const SEALED_FIELD_REGISTRY: SealedFieldRegistry = {
  ...IDENTITY_SEALED_FIELDS,
  ...CHAT_SEALED_FIELDS,
  ...MODERATION_SEALED_FIELDS,
  ...SUPPORT_SEALED_FIELDS,
};
