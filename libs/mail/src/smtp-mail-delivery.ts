import type { OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { Mail, MailDelivery } from './mail';

/**
 * Sends through the SMTP server MAIL_URL names, with nodemailer: `smtps://` speaks TLS from the
 * first byte, `smtp://` upgrades with STARTTLS where the server offers it (`?requireTLS=true`
 * refuses to send without). Connections are pooled; a server that hangs fails the send within
 * seconds, so the caller (the outbox, a job) tries again later instead of holding its work.
 */
export class SmtpMailDelivery implements MailDelivery, OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly messageIdDomain: string;

  constructor(settings: { url: string; from: string }) {
    this.transport = createTransport({ url: settings.url, pool: true, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }, { from: settings.from });
    this.messageIdDomain = settings.from.replace(/^.*@/, '').replace(/>.*$/, '') || 'glint';
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      // The same on every try: a mail sent again after a crash (sent, but its delivery not yet
      // recorded) is recognisably the same message to the receiving side.
      messageId: `<${mail.idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}@${this.messageIdDomain}>`,
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
