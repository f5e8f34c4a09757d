import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MAIL_DELIVERY, type Mail, type MailDelivery } from '@glint/mail';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { confirmationMail, type LinkMailFacts } from './confirmation-mail';
import { passwordResetMail } from './password-reset-mail';

export interface MailOutboxSettings {
  /** Where Glint's web pages are served: links in mails point there. */
  webBaseUrl: string;
  pollIntervalMs: number;
  /** The wait after a mail's first failed delivery; it doubles with each failure, up to `maxRetryDelayMs`. */
  firstRetryDelayMs: number;
  maxRetryDelayMs: number;
}

export const MAIL_OUTBOX_SETTINGS = Symbol('MailOutboxSettings');

export type DeliveryOutcome = 'sent' | 'skipped_account_deleted';

type OutboxKind = 'email_confirmation' | 'password_reset';

const MAIL_OF_KIND: Record<OutboxKind, (facts: LinkMailFacts) => Mail> = {
  email_confirmation: confirmationMail,
  password_reset: passwordResetMail,
};

/** The mail service refused or failed; the mail stays due. */
class MailNotDelivered extends Error {
  constructor(
    readonly eventId: string,
    cause: unknown,
  ) {
    super(`Mail ${eventId} was not delivered`, { cause });
  }
}

interface DueMail {
  event_id: string;
  kind: OutboxKind;
  user_id: string;
  email_sealed: string;
  token_sealed: string;
  expires_at: Date;
  account_deleted: boolean;
}

/**
 * Delivers what `mail_outbox` owes, in every platform process at once. Each mail is taken in a
 * transaction of its own, its row locked (`FOR UPDATE SKIP LOCKED`, so processes pass each other
 * by) and its delivery recorded under its event id before it is sent; the record commits with the
 * sending or not at all, so no mail goes out twice, not even after a rebuild of the outbox. A mail
 * the mail service refused is tried again later, each wait twice the last (`mail_delivery_attempts`),
 * until its link expires: mails whose link has expired are not sent any more.
 */
@Injectable()
export class MailOutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MailOutbox');
  private running: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
    @Inject(MAIL_DELIVERY) private readonly delivery: MailDelivery,
    @Inject(MAIL_OUTBOX_SETTINGS) private readonly settings: MailOutboxSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.poll();
  }

  // Before the projection engine closes the connections this worker shares with it.
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  /** Delivers every mail due now; returns the outcomes, by event id. */
  async deliverDue(): Promise<Map<string, DeliveryOutcome>> {
    const outcomes = new Map<string, DeliveryOutcome>();
    for (;;) {
      if (this.stopped) return outcomes;
      try {
        const delivered = await this.readModels.entityManager().transactional((em) => this.deliverNext(em));
        if (delivered === null) return outcomes;
        if (delivered.outcome !== null) outcomes.set(delivered.eventId, delivered.outcome);
      } catch (error) {
        if (!(error instanceof MailNotDelivered)) throw error;
        await this.retryLater(error);
      }
    }
  }

  /** Null when nothing is due; an outcome of null when another process had just delivered it. */
  private async deliverNext(em: EntityManager): Promise<{ eventId: string; outcome: DeliveryOutcome | null } | null> {
    const [due] = await em.execute<DueMail[]>(
      `SELECT o.event_id, o.kind, o.user_id, o.email_sealed, o.token_sealed, o.expires_at, a.deleted_at IS NOT NULL AS account_deleted
       FROM mail_outbox o LEFT JOIN accounts a ON a.user_id = o.user_id
       WHERE o.expires_at > ?
         AND NOT EXISTS (SELECT 1 FROM mail_deliveries d WHERE d.event_id = o.event_id)
         AND NOT EXISTS (SELECT 1 FROM mail_delivery_attempts r WHERE r.event_id = o.event_id AND r.next_attempt_at > now())
       ORDER BY o.position
       LIMIT 1
       FOR UPDATE OF o SKIP LOCKED`,
      [new Date()],
    );
    if (!due) return null;
    const eventId = due.event_id;
    // An erased account's address no longer opens: there is nobody left to write to.
    const [to, token] = due.account_deleted ? [null, null] : await this.vault.openMany([due.email_sealed, due.token_sealed]);
    const outcome: DeliveryOutcome = to === null || token === null ? 'skipped_account_deleted' : 'sent';
    const claimed = await em.execute<Array<{ event_id: string }>>(
      'INSERT INTO mail_deliveries (event_id, outcome) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
      [eventId, outcome],
    );
    // Another process recorded it between this one's look and its lock: it is theirs.
    if (claimed.length === 0) return { eventId, outcome: null };
    if (to !== null && token !== null) {
      const mail = MAIL_OF_KIND[due.kind]({ eventId, userId: due.user_id, to, token, expiresAt: new Date(due.expires_at), webBaseUrl: this.settings.webBaseUrl });
      try {
        await this.delivery.send(mail);
      } catch (error) {
        // Rolls the record back with it: the mail stays due.
        throw new MailNotDelivered(eventId, error);
      }
    }
    await em.execute('DELETE FROM mail_delivery_attempts WHERE event_id = ?', [eventId], 'run');
    return { eventId, outcome };
  }

  /** Counts the failure and puts the mail off: 1 s after the first, twice as long after each next one. */
  private async retryLater(failure: MailNotDelivered): Promise<void> {
    const firstSeconds = this.settings.firstRetryDelayMs / 1000;
    const maxSeconds = this.settings.maxRetryDelayMs / 1000;
    const [attempt] = await this.readModels.entityManager().execute<Array<{ attempts: number; retry_in_seconds: number }>>(
      `INSERT INTO mail_delivery_attempts (event_id, attempts, next_attempt_at) VALUES (?, 1, now() + make_interval(secs => ?))
       ON CONFLICT (event_id) DO UPDATE SET
         attempts = mail_delivery_attempts.attempts + 1,
         next_attempt_at = now() + make_interval(secs => least(?, ? * power(2, mail_delivery_attempts.attempts)))
       RETURNING attempts, extract(epoch FROM next_attempt_at - now())::float8 AS retry_in_seconds`,
      [failure.eventId, firstSeconds, maxSeconds, firstSeconds],
    );
    // The mail service's own words may quote the address: only its codes are logged.
    this.logger.error({ event: 'Mail.Delivery.Failed', eventId: failure.eventId, attempts: attempt.attempts, retryInSeconds: Math.round(attempt.retry_in_seconds), ...mailServiceCodes(failure.cause) });
  }

  private async poll(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.deliverDue();
      } catch (error) {
        if (!this.stopped) this.logger.error({ event: 'Mail.Outbox.Failed', reason: error instanceof Error ? error.name : String(error) });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.settings.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

/** What a failed send says without naming anyone: nodemailer's error code and the SMTP reply code. */
function mailServiceCodes(error: unknown): { code?: string; responseCode?: number } {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return { ...(typeof code === 'string' ? { code } : {}), ...(typeof responseCode === 'number' ? { responseCode } : {}) };
}
