import { MAX_PAGE_SIZE } from '@glint/api';
import { ListDevelopmentMailQuery } from '@glint/mail';
import type { CliBuses } from './cli-application';
import { writeTable, type CliOutput } from './cli-output';

export const MAIL_USAGE = `  npm run cli -- mail list                     the development mailbox (no MAIL_URL set), newest first
`;

/**
 * `mail list`: the mails `npm start` kept instead of sending them (no MAIL_URL), newest first, with
 * their recipient, subject and link; a deleted account's mails no longer open, and are not shown.
 */
export async function mailListCommand({ queries }: CliBuses, output: CliOutput): Promise<number> {
  const mails = await queries.execute(new ListDevelopmentMailQuery(MAX_PAGE_SIZE));
  if (mails.length === 0) {
    output.stderr.write('The development mailbox is empty (with MAIL_URL set, mails leave by SMTP instead).\n');
    return 0;
  }
  writeTable(output.stdout, [['sent at', 'to', 'subject', 'link'], ...mails.map((mail) => [mail.sentAt.toISOString(), mail.to, mail.subject, mail.link])]);
  return 0;
}
