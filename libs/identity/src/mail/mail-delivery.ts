import { Logger } from '@nestjs/common';

export interface Mail {
  /** Derived from the event that asked for the mail: a mail service given it twice sends once. */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  /** The one thing the recipient is asked to open. */
  link: string;
}

/** Where mails leave Glint. */
export interface MailDelivery {
  send(mail: Mail): Promise<void>;
}

export const MAIL_DELIVERY = Symbol('MailDelivery');

/**
 * Development has no mail server: the log is the mailbox. This line therefore carries the link,
 * and the confirmation token in it, on purpose; a delivery that sends mail logs no link.
 */
export class LoggedMailDelivery implements MailDelivery {
  private readonly logger = new Logger('Mail');

  async send(mail: Mail): Promise<void> {
    this.logger.log({ event: 'Mail.Delivery.Logged', idempotencyKey: mail.idempotencyKey, to: mail.to, subject: mail.subject, link: mail.link });
  }
}
