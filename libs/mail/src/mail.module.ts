import { Global, Module } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '@glint/runtime';
import { DevelopmentMailbox } from './development-mailbox';
import { MAIL_DELIVERY } from './mail';
import { ListDevelopmentMailHandler } from './queries/list-development-mail';
import { SmtpMailDelivery } from './smtp-mail-delivery';

/**
 * How every mail leaves, whatever context sends it: through SMTP when MAIL_URL is set, into the
 * development mailbox when it is not. Global, so each context injects `MAIL_DELIVERY` alone.
 */
@Global()
@Module({
  providers: [
    DevelopmentMailbox,
    {
      provide: MAIL_DELIVERY,
      useFactory: (config: PlatformConfig, mailbox: DevelopmentMailbox) => (config.mail.url === null ? mailbox : new SmtpMailDelivery({ url: config.mail.url, from: config.mail.from })),
      inject: [PLATFORM_CONFIG, DevelopmentMailbox],
    },
    ListDevelopmentMailHandler,
  ],
  exports: [MAIL_DELIVERY],
})
export class MailModule {}
