/** A mail Glint sends someone with an account: the e-mail confirmation, a reset link, a notice. */
export interface Mail {
  /** Derived from what asked for the mail (an event, a job): delivered twice under it, it is one mail. */
  idempotencyKey: string;
  /** The account it is for: a development mailbox seals it with their key, so their erasure erases it. */
  recipientId: string;
  to: string;
  subject: string;
  text: string;
  /** The one thing the recipient is asked to open. */
  link: string;
}

/** Where mails leave Glint: SMTP with MAIL_URL, else the development mailbox. */
export interface MailDelivery {
  send(mail: Mail): Promise<void>;
}

export const MAIL_DELIVERY = Symbol('MailDelivery');
