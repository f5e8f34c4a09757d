import { isSealed, type PersonalDataVault } from '@glint/personal-data';

/**
 * The values with every sealed personal value inside them, at any depth, opened: one look-up of
 * the owners' keys for all of them. A value whose owner's key was destroyed becomes null.
 */
export async function openPersonalValues<T>(vault: PersonalDataVault, values: readonly T[]): Promise<T[]> {
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
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replace(inner)]));
    return value;
  };
  return values.map((value) => replace(value) as T);
}
