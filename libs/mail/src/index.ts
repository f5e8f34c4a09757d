export { MAIL_DELIVERY, type Mail, type MailDelivery } from './mail';
export { MailModule } from './mail.module';
export { DevelopmentMailbox, type MailboxEntry } from './development-mailbox';
export { SmtpMailDelivery } from './smtp-mail-delivery';
export { ListDevelopmentMailQuery } from './queries/list-development-mail';
