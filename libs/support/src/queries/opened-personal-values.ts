import type { PersonalDataVault } from '@glint/personal-data';
import { SEALED_FIELD_REGISTRY } from '../sealed-field-registry';

/**
 * Fields that let someone act as the account (password hashes, two-factor secrets, confirmation
 * and session tokens, key and secret hashes): support sees that they are there, never what they are.
 */
const CREDENTIAL_FIELD = /password|secret|token|hash/i;
export const CREDENTIAL_WITHHELD = '[credential withheld]';

/** What support is shown in place of a declared personal value that does not open: it is damaged, not erased. */
export const UNREADABLE_VALUE = Object.freeze({ unreadable: true as const });
export type UnreadableValue = typeof UNREADABLE_VALUE;

/** An event as support opens it: its type says which of its data's fields are sealed. */
export interface EventToOpen {
  type: string;
  data: unknown;
}

/**
 * The events' data with the fields their type declares sealed (and only those) opened, with one
 * look-up of the owners' keys for all of them: a value whose owner's key was destroyed becomes
 * null, one that does not open `{ unreadable: true }`. Every other string is shown as written,
 * even one shaped like a sealed value; a credential is withheld, sealed or not.
 */
export async function openPersonalValues(vault: PersonalDataVault, events: readonly EventToOpen[]): Promise<unknown[]> {
  const withheld = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(withheld);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, CREDENTIAL_FIELD.test(key) ? CREDENTIAL_WITHHELD : withheld(inner)]));
    }
    return value;
  };
  const declared = events.map((event) => {
    const data = withheld(event.data);
    const fields = isRecord(data) ? (SEALED_FIELD_REGISTRY[event.type] ?? []).filter((field) => typeof data[field] === 'string' && !CREDENTIAL_FIELD.test(field)) : [];
    return { data, fields };
  });
  const sealed = declared.flatMap(({ data, fields }) => fields.map((field) => (data as Record<string, string>)[field]));
  const opened = await vault.openEach(sealed);
  let next = 0;
  return declared.map(({ data, fields }) => {
    if (fields.length === 0) return data;
    const record = data as Record<string, unknown>;
    const openedFields = new Map(
      fields.map((field) => {
        const value = opened[next++];
        return [field, value.status === 'opened' ? value.value : value.status === 'erased' ? null : UNREADABLE_VALUE];
      }),
    );
    // An opened `emailSealed` is shown as `email`: what support reads is the value, not its envelope.
    return Object.fromEntries(Object.entries(record).map(([key, inner]) => (openedFields.has(key) ? [shownName(key), openedFields.get(key)] : [key, inner])));
  });
}

function shownName(field: string): string {
  return field.endsWith('Sealed') ? field.slice(0, -'Sealed'.length) : field;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
