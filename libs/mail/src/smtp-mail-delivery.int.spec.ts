import { MailCatcher } from '@glint/testing/mail';
import type { Mail } from './mail';
import { SmtpMailDelivery } from './smtp-mail-delivery';

const mail = (to: string, idempotencyKey = 'go-live:stream-1:follower-1'): Mail => ({
  idempotencyKey,
  recipientId: 'follower-1',
  to,
  subject: 'ana_streams is live: Speedrun night ✨',
  text: 'ana_streams is live on Glint.\n\nWatch now:\nhttps://glint.example/ana_streams\n',
  link: 'https://glint.example/ana_streams',
});

describe.each([
  ['smtp://, plain', { tls: false }],
  ['smtps://, over TLS from the first byte', { tls: true }],
])('sending through SMTP (%s)', (_, options) => {
  let catcher: MailCatcher;
  let delivery: SmtpMailDelivery;

  beforeAll(async () => {
    catcher = await MailCatcher.start(options);
    delivery = new SmtpMailDelivery({ url: catcher.url, from: 'Glint <no-reply@glint.example>' });
  });
  afterAll(async () => {
    delivery?.onApplicationShutdown();
    await catcher?.close();
  });

  it('delivers the mail as written, from MAIL_FROM, under a message id made from its idempotency key', async () => {
    await delivery.send(mail('fan@glint.test'));
    expect(catcher.to('fan@glint.test')).toEqual([
      {
        from: '"Glint" <no-reply@glint.example>',
        to: 'fan@glint.test',
        subject: 'ana_streams is live: Speedrun night ✨',
        text: 'ana_streams is live on Glint.\n\nWatch now:\nhttps://glint.example/ana_streams\n',
        messageId: '<go-live.stream-1.follower-1@glint.example>',
        link: 'https://glint.example/ana_streams',
        secure: options.tls,
        receivedAt: expect.any(Date),
      },
    ]);
  });

  it('fails the send when the mail server refuses the mail, so its sender tries again later', async () => {
    catcher.refuse('busy@glint.test');
    await expect(delivery.send(mail('busy@glint.test', 'key-2'))).rejects.toMatchObject({ responseCode: 451 });
    await delivery.send(mail('busy@glint.test', 'key-2'));
    expect(catcher.attempts.filter((attempt) => attempt.to === 'busy@glint.test').map((attempt) => attempt.refused)).toEqual([true, false]);
    expect(catcher.to('busy@glint.test')).toHaveLength(1);
  });
});
