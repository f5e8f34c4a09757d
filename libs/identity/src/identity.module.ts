import { Global, Module } from '@nestjs/common';
import { SESSION_TOKEN_RESOLVER } from '@glint/access';
import { ChangePasswordHandler } from './commands/change-password';
import { ConfirmEmailHandler } from './commands/confirm-email';
import { DeleteAccountHandler } from './commands/delete-account';
import { GrantStaffRoleHandler } from './commands/grant-staff-role';
import { GrantStaffRoleAsPlatformHandler } from './commands/grant-staff-role-as-platform';
import { LogInHandler } from './commands/log-in';
import { LogOutHandler } from './commands/log-out';
import { RegisterUserHandler } from './commands/register-user';
import { RequestEmailConfirmationHandler } from './commands/request-email-confirmation';
import { RevokeStaffRoleHandler } from './commands/revoke-staff-role';
import { SanctionUserHandler } from './commands/sanction-user';
import { StartTwoFactorSetupHandler } from './commands/start-two-factor-setup';
import { SwitchTwoFactorHandler } from './commands/switch-two-factor';
import { CredentialChecks } from './credentials/credential-checks';
import { AccountsController } from './http/accounts.controller';
import { MeController } from './http/me.controller';
import { SessionsController } from './http/sessions.controller';
import { StaffUsersController } from './http/staff-users.controller';
import { UsersController } from './http/users.controller';
import { LoggedMailDelivery, MAIL_DELIVERY } from './mail/mail-delivery';
import { GetMyAccountHandler } from './queries/get-my-account';
import { GetPublicProfileHandler } from './queries/get-public-profile';
import { LookUpAccountsHandler } from './queries/look-up-accounts';
import { SessionTokenResolver } from './session-token-resolver';

/**
 * Accounts and access. Global so the platform's access guard finds the session-token resolver it
 * composes, and the contexts that send mail find the delivery. Its mail outbox worker is a module
 * of its own (`MailOutboxModule`), run by the platform.
 */
@Global()
@Module({
  controllers: [AccountsController, SessionsController, MeController, UsersController, StaffUsersController],
  providers: [
    CredentialChecks,
    RegisterUserHandler,
    LogInHandler,
    LogOutHandler,
    ConfirmEmailHandler,
    RequestEmailConfirmationHandler,
    ChangePasswordHandler,
    StartTwoFactorSetupHandler,
    SwitchTwoFactorHandler,
    DeleteAccountHandler,
    SanctionUserHandler,
    GrantStaffRoleHandler,
    RevokeStaffRoleHandler,
    GrantStaffRoleAsPlatformHandler,
    GetMyAccountHandler,
    GetPublicProfileHandler,
    LookUpAccountsHandler,
    SessionTokenResolver,
    { provide: SESSION_TOKEN_RESOLVER, useExisting: SessionTokenResolver },
    // No mail service is wired yet: every mail is logged, which is what development needs.
    { provide: MAIL_DELIVERY, useClass: LoggedMailDelivery },
  ],
  exports: [SESSION_TOKEN_RESOLVER, MAIL_DELIVERY],
})
export class IdentityModule {}
