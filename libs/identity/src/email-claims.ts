import type { PersonalDataVault } from '@glint/personal-data';
import { emailClaimStreamName } from './events';

/** What the vault keys the addresses' blind index under. */
const EMAIL_ADDRESS_INDEX = 'email_address';

/** Neither case nor Unicode form makes another address: Ana@Example.org and ana@example.org are one. */
export function normalisedEmail(address: string): string {
  return address.trim().normalize('NFC').toLowerCase();
}

/**
 * The claim stream of an address, named by the vault's keyed hash of it: the log never holds the
 * address, and without the key (outside the log) a name cannot be tested against a guessed one.
 */
export async function emailClaimStream(vault: PersonalDataVault, address: string): Promise<string> {
  return emailClaimStreamName(await vault.blindIndex(EMAIL_ADDRESS_INDEX, normalisedEmail(address)));
}
