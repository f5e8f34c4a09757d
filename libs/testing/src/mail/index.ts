export { MailCatcher, type CaughtMail, type DeliveryAttempt, type MailCatcherOptions } from './mail-catcher';
