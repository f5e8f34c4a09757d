import { Inject, Injectable } from '@nestjs/common';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import type { Mail, MailDelivery } from './mail';

/** A mail as the development mailbox shows it. */
export interface MailboxEntry {
  sentAt: Date;
  to: string;
  subject: string;
  link: string;
}

type SealedMail = Pick<Mail, 'to' | 'subject' | 'text' | 'link'>;

/**
 * Where mails go with no MAIL_URL (`npm start` on a developer's machine): a table, read with
 * `npm run cli -- mail list`, never the log. Each mail is sealed with its recipient's key, so the
 * account's erasure makes its mails unreadable with everything else of theirs; a mail delivered
 * twice under one idempotency key is kept once.
 */
@Injectable()
export class DevelopmentMailbox implements MailDelivery {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async send(mail: Mail): Promise<void> {
    const content: SealedMail = { to: mail.to, subject: mail.subject, text: mail.text, link: mail.link };
    const sealed = await this.vault.seal(mail.recipientId, JSON.stringify(content));
    await this.readModels
      .entityManager()
      .execute('INSERT INTO development_mailbox (idempotency_key, recipient_id, mail_sealed) VALUES (?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING', [mail.idempotencyKey, mail.recipientId, sealed], 'run');
  }

  /**
   * The newest `limit` mails, newest first, less those of erased accounts: their rows stay, sealed
   * under a destroyed key, so they are skipped here and never take the place of a readable mail.
   */
  async newest(limit: number): Promise<MailboxEntry[]> {
    const entries: MailboxEntry[] = [];
    for (let offset = 0; entries.length < limit; offset += limit) {
      const rows = await this.readModels
        .entityManager()
        .execute<Array<{ sent_at: Date; mail_sealed: string }>>('SELECT sent_at, mail_sealed FROM development_mailbox ORDER BY sent_at DESC, idempotency_key LIMIT ? OFFSET ?', [limit, offset]);
      const opened = await this.vault.openMany(rows.map((row) => row.mail_sealed));
      rows.forEach((row, index) => {
        const content = opened[index];
        if (content === null || entries.length === limit) return;
        const { to, subject, link } = JSON.parse(content) as SealedMail;
        entries.push({ sentAt: new Date(row.sent_at), to, subject, link });
      });
      if (rows.length < limit) break;
    }
    return entries;
  }
}
