export * from './events';
export { IdentityModule } from './identity.module';
export { type AccountFacts, readAccountFacts, findAccountByUsername } from './queries/account-facts';
export { USERNAME_PATTERN } from './username-decider';
export { userDecider, type Account, type RegisteredAccount } from './decider';
export { RegisterUserHandler, type Registration, type RegisteredUser } from './commands/register-user';
export { grantStaffRoleByPlatform } from './commands/staff-role';
export { MAIL_DELIVERY, type Mail, type MailDelivery } from './mail/mail-delivery';
