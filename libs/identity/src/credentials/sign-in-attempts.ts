import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PersonalDataVault } from '@glint/personal-data';
import { loggableError, PERSONAL_DATA, PUBLIC_WEB_URL } from '@glint/runtime';
import { duration, type Lock, Throttles } from '@glint/throttles';
import { MAIL_DELIVERY, type MailDelivery } from '@glint/mail';
import { signInLockedMail } from '../mail/sign-in-locked-mail';
import type { RegisteredAccount } from '../user-decider';

/**
 * The throttles on signing in: wrong passwords lock the client address and the account (ever longer
 * while they keep coming), wrong two-factor codes lock the account's codes. A locked sign-in is
 * refused before any credential is checked; an account's owner is told by mail when it locks.
 */
@Injectable()
export class SignInAttempts {
  private readonly logger = new Logger('Identity');

  constructor(
    private readonly throttles: Throttles,
    @Inject(MAIL_DELIVERY) private readonly mail: MailDelivery,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
    @Inject(PUBLIC_WEB_URL) private readonly webBaseUrl: string,
  ) {}

  /** Refuses (429) a sign-in from a locked address, or to a locked account. */
  async refuseIfLocked(address: string, userId: string | null): Promise<void> {
    await this.throttles.signInPerAddress.refuseIfLocked(address);
    if (userId !== null) await this.throttles.signInPerAccount.refuseIfLocked(userId);
  }

  /** Refuses (429) a two-factor code for an account that sent too many wrong ones. */
  async refuseIfTwoFactorLocked(userId: string): Promise<void> {
    await this.throttles.twoFactor.refuseIfLocked(userId);
  }

  /** A wrong password, or a username nobody holds: counted for the address and the account there is. */
  async passwordFailed(address: string, account: RegisteredAccount | null, now: Date): Promise<void> {
    await this.throttles.signInPerAddress.failed(address);
    if (account === null) return;
    const lock = await this.throttles.signInPerAccount.failed(account.userId);
    // The answer does not wait for the mail service.
    if (lock) void this.tellOwner(account, lock, now);
  }

  async twoFactorFailed(userId: string): Promise<void> {
    await this.throttles.twoFactor.failed(userId);
  }

  /** The owner signed in: the account's failures are forgotten; its address's stay counted. */
  async succeeded(userId: string): Promise<void> {
    await Promise.all([this.throttles.signInPerAccount.forgive(userId), this.throttles.twoFactor.forgive(userId)]);
  }

  private async tellOwner(account: RegisteredAccount, lock: Lock, now: Date): Promise<void> {
    try {
      const to = await this.vault.open(account.emailSealed);
      if (to === null) return;
      const mail = signInLockedMail({ userId: account.userId, to, username: account.username, lockedFor: duration(lock.seconds), lockedAt: now, webBaseUrl: this.webBaseUrl });
      await this.mail.send(mail);
    } catch (error) {
      this.logger.error(`Identity.SignInLockNotice.Failed: ${loggableError(error)}`);
    }
  }
}
