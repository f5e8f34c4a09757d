import type { SealedFields } from '@glint/personal-data';
import type { UserEvent } from './events';

/** The fields of identity's events that hold sealed personal values; every other string is plain. */
export const IDENTITY_SEALED_FIELDS = {
  UserRegistered: ['emailSealed', 'passwordHashSealed'],
  EmailConfirmationRequested: ['emailSealed', 'tokenSealed'],
  PasswordChanged: ['passwordHashSealed'],
  PasswordResetRequested: ['emailSealed', 'tokenSealed'],
  PasswordReset: ['passwordHashSealed'],
  TwoFactorSetupStarted: ['secretSealed'],
  TwoFactorEnabled: ['secretSealed'],
} as const satisfies SealedFields<UserEvent>;
