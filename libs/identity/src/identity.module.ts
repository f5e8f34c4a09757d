import { Global, Module } from '@nestjs/common';
import { SESSION_TOKEN_RESOLVER } from '@glint/access';
import { ThrottlesModule } from '@glint/throttles';
import { AbandonRegistrationHandler } from './commands/abandon-registration';
import { ChangePasswordHandler } from './commands/change-password';
import { ConfirmEmailHandler } from './commands/confirm-email';
import { DeleteAccountHandler } from './commands/delete-account';
import { FinishAccountDeletionHandler } from './commands/finish-account-deletion';
import { GrantStaffRoleHandler } from './commands/grant-staff-role';
import { GrantStaffRoleAsPlatformHandler } from './commands/grant-staff-role-as-platform';
import { LogInHandler } from './commands/log-in';
import { LogOutHandler } from './commands/log-out';
import { RegisterUserHandler } from './commands/register-user';
import { RequestEmailConfirmationHandler } from './commands/request-email-confirmation';
import { RequestPasswordResetHandler } from './commands/request-password-reset';
import { ResetPasswordHandler } from './commands/reset-password';
import { RevokeStaffRoleHandler } from './commands/revoke-staff-role';
import { SanctionUserHandler } from './commands/sanction-user';
import { StartTwoFactorSetupHandler } from './commands/start-two-factor-setup';
import { SwitchTwoFactorHandler } from './commands/switch-two-factor';
import { CredentialChecks } from './credentials/credential-checks';
import { SignInAttempts } from './credentials/sign-in-attempts';
import { AccountsController } from './http/accounts.controller';
import { MeController } from './http/me.controller';
import { SessionsController } from './http/sessions.controller';
import { StaffUsersController } from './http/staff-users.controller';
import { UsersController } from './http/users.controller';
import { GetMyAccountHandler } from './queries/get-my-account';
import { GetPublicProfileHandler } from './queries/get-public-profile';
import { LookUpAccountsHandler } from './queries/look-up-accounts';
import { SessionTokenResolver } from './session-token-resolver';

/**
 * Accounts and access. Global so the platform's access guard finds the session-token resolver it
 * composes. Its mail outbox worker and its upkeep of unfinished steps are modules of their own
 * (`MailOutboxModule`, `AccountUpkeepModule`), run by the platform.
 */
@Global()
@Module({
  imports: [ThrottlesModule],
  controllers: [AccountsController, SessionsController, MeController, UsersController, StaffUsersController],
  providers: [
    CredentialChecks,
    SignInAttempts,
    RegisterUserHandler,
    LogInHandler,
    LogOutHandler,
    ConfirmEmailHandler,
    RequestEmailConfirmationHandler,
    ChangePasswordHandler,
    StartTwoFactorSetupHandler,
    SwitchTwoFactorHandler,
    DeleteAccountHandler,
    FinishAccountDeletionHandler,
    RequestPasswordResetHandler,
    ResetPasswordHandler,
    AbandonRegistrationHandler,
    SanctionUserHandler,
    GrantStaffRoleHandler,
    RevokeStaffRoleHandler,
    GrantStaffRoleAsPlatformHandler,
    GetMyAccountHandler,
    GetPublicProfileHandler,
    LookUpAccountsHandler,
    SessionTokenResolver,
    { provide: SESSION_TOKEN_RESOLVER, useExisting: SessionTokenResolver },
  ],
  exports: [SESSION_TOKEN_RESOLVER],
})
export class IdentityModule {}
