import { isSealed, type PersonalDataVault } from '@glint/personal-data';

/**
 * Fields that let someone act as the account (password hashes, two-factor secrets, confirmation
 * and session tokens, key and secret hashes): support sees that they are there, never what they are.
 */
const CREDENTIAL_FIELD = /password|secret|token|hash/i;
export const CREDENTIAL_WITHHELD = '[credential withheld]';

/**
 * The values with every sealed personal value inside them, at any depth, opened: one look-up of
 * the owners' keys for all of them. A value whose owner's key was destroyed becomes null; a
 * credential is withheld, sealed or not.
 */
export async function openPersonalValues<T>(vault: PersonalDataVault, values: readonly T[]): Promise<T[]> {
  const withheld = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(withheld);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, CREDENTIAL_FIELD.test(key) ? CREDENTIAL_WITHHELD : withheld(inner)]));
    }
    return value;
  };
  values = values.map((value) => withheld(value) as T);
  const sealed: string[] = [];
  const collect = (value: unknown): void => {
    if (isSealed(value)) sealed.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  values.forEach(collect);
  if (sealed.length === 0) return [...values];
  const opened = await vault.openMany(sealed);
  const plain = new Map(sealed.map((value, index) => [value, opened[index]]));
  const replace = (value: unknown): unknown => {
    if (isSealed(value)) return plain.get(value) ?? null;
    if (Array.isArray(value)) return value.map(replace);
    // An opened `emailSealed` is shown as `email`: what support reads is the value, not its envelope.
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [isSealed(inner) && key.endsWith('Sealed') ? key.slice(0, -'Sealed'.length) : key, replace(inner)]));
    }
    return value;
  };
  return values.map((value) => replace(value) as T);
}
