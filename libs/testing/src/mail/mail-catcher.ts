import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { until, type UntilOptions } from '../waiting';

/** A mail as it arrived at the catcher. */
export interface CaughtMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  /** The first web address in the text: the link a Glint mail asks its reader to open. */
  link: string | null;
  /** Whether it came over TLS. */
  secure: boolean;
  receivedAt: Date;
}

/** One try to hand the catcher a mail: taken, or refused as asked (`refuse`). */
export interface DeliveryAttempt {
  to: string;
  at: Date;
  refused: boolean;
}

export interface MailCatcherOptions {
  /** TLS from the first byte, as `smtps://` asks (with the server's own certificate, which the URL trusts). */
  tls?: boolean;
}

/**
 * A real SMTP server on a free loopback port (the `smtp-server` package), for a platform under test
 * to send its mail to through MAIL_URL: the test reads what arrived, as a mailbox would.
 *
 *   const inbox = await MailCatcher.start();
 *   … startPlatformUnderTest({ env: { MAIL_URL: inbox.url } }) …
 *   const mail = await inbox.next(ana.email, (m) => m.subject.startsWith('Set a new password'));
 */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  readonly attempts: DeliveryAttempt[] = [];
  private readonly refusals = new Map<string, number>();

  private constructor(
    private readonly server: SMTPServer,
    /** `smtp://127.0.0.1:<port>`, or `smtps://…` trusting the catcher's own certificate. */
    readonly url: string,
  ) {}

  static async start(options: MailCatcherOptions = {}): Promise<MailCatcher> {
    const holder: { catcher?: MailCatcher } = {};
    const server = new SMTPServer({
      secure: options.tls ?? false,
      // Plain unless TLS is asked for, so each test knows how its mail travelled.
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => callback(holder.catcher!.refusesNow(address.address)),
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const text = parsed.text ?? '';
            holder.catcher!.mails.push({
              from: addressesOf(parsed.from),
              to: session.envelope.rcptTo.map((recipient) => recipient.address).join(', '),
              subject: parsed.subject ?? '',
              text,
              messageId: parsed.messageId ?? '',
              link: /https?:\/\/\S+/.exec(text)?.[0] ?? null,
              secure: session.secure,
              receivedAt: new Date(),
            });
            callback();
          })
          .catch(callback);
      },
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
    const catcher = new MailCatcher(server, options.tls ? `smtps://127.0.0.1:${port}/?tls.rejectUnauthorized=false` : `smtp://127.0.0.1:${port}`);
    holder.catcher = catcher;
    return catcher;
  }

  /** Mails that arrived for `address`, oldest first. */
  to(address: string): CaughtMail[] {
    return this.mails.filter((mail) => mail.to === address);
  }

  /** Waits for a mail to `address` that `matches`, and returns the first such. */
  next(address: string, matches: (mail: CaughtMail) => boolean = () => true, options?: UntilOptions): Promise<CaughtMail> {
    return until(`a mail to ${address}`, () => this.to(address).find(matches), {
      ...options,
      explain: () => `The catcher holds ${this.mails.length} mail(s): ${this.mails.map((mail) => `${mail.to}: ${mail.subject}`).join('; ') || 'none'}.`,
    });
  }

  /** Refuses the next `times` mails to `address` as a busy mail server does (451: try again later). */
  refuse(address: string, times = 1): void {
    this.refusals.set(address, times);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private refusesNow(address: string): Error | null {
    const left = this.refusals.get(address) ?? 0;
    this.attempts.push({ to: address, at: new Date(), refused: left > 0 });
    if (left === 0) return null;
    this.refusals.set(address, left - 1);
    return Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
  }
}

function addressesOf(header: AddressObject | AddressObject[] | undefined): string {
  return (Array.isArray(header) ? header : header ? [header] : []).map((address) => address.text).join(', ');
}
