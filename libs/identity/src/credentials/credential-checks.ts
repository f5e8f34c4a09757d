import { Inject, Injectable } from '@nestjs/common';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA } from '@glint/runtime';
import type { Account, PasswordCheck, TwoFactorCheck } from '../user-decider';
import { passwordMatches } from './password-hashing';
import { codeTimeStep } from './two-factor-codes';

/**
 * The slow, secret-opening half of checking credentials, done before deciding: the decider gets
 * only what was found, and which sealed hash or secret it was found against.
 */
@Injectable()
export class CredentialChecks {
  constructor(@Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault) {}

  /** Null when the hash cannot be opened any more (the account's personal data was erased). */
  async password(passwordHashSealed: string, password: string): Promise<PasswordCheck | null> {
    const hash = await this.vault.open(passwordHashSealed);
    if (hash === null) return null;
    return { checkedHashSealed: passwordHashSealed, matches: await passwordMatches(hash, password) };
  }

  /** The password checked against the account's hash; null when the account is not (or no longer) registered. */
  async accountPassword(account: Account, password: string): Promise<PasswordCheck | null> {
    return account.status === 'registered' ? this.password(account.passwordHashSealed, password) : null;
  }

  async twoFactorCode(secretSealed: string, code: string, now: Date): Promise<TwoFactorCheck> {
    const secret = await this.vault.open(secretSealed);
    return { checkedSecretSealed: secretSealed, timeStep: secret === null ? null : codeTimeStep(secret, code, now) };
  }
}
