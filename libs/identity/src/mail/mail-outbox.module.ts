import { Module } from '@nestjs/common';
import { PUBLIC_WEB_URL } from '@glint/runtime';
import { mailOutboxSettings } from './mail-outbox-settings';
import { MAIL_OUTBOX_SETTINGS, MailOutboxWorker } from './mail-outbox-worker';

/**
 * The worker that delivers the mails `mail_outbox` owes. A process that should send mail (the
 * platform) imports it beside `IdentityModule`; one that only asks the context things (the CLI) does not.
 */
@Module({
  providers: [{ provide: MAIL_OUTBOX_SETTINGS, useFactory: mailOutboxSettings, inject: [PUBLIC_WEB_URL] }, MailOutboxWorker],
})
export class MailOutboxModule {}
