import { Inject, Logger } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type Redis from 'ioredis';
import type { EventSourcedStreams } from '@glint/event-sourcing';
import { MAIL_DELIVERY, type MailDelivery } from '@glint/mail';
import { notificationsTopic } from '@glint/live-updates';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA, PUBLIC_WEB_URL, READ_MODELS, REDIS, type ReadModels } from '@glint/runtime';
import { streamDecider, streamStreamName, type Stream, type StreamEvent } from '@glint/streams';
import { claimFollowers, type ClaimedFollower, type MailOutcome } from '../go-live-claims';
import { goLiveFrame, goLiveMail, type GoLiveFacts } from '../go-live-message';

/** What one run of a `notify-followers` job did; what went out in earlier runs is not counted again. */
export type GoLiveOutcome =
  | { streamId: string; outcome: 'stream_ended' | 'stream_unknown' }
  | { streamId: string; outcome: 'notified'; followers: number; mailsSent: number; framesPublished: number };

/**
 * Tells the channel's followers who asked for it that the stream is live, by mail and on their
 * live-update sockets, unless the stream has already ended: the `notify-followers` job's work.
 */
export class NotifyFollowersCommand extends Command<GoLiveOutcome> {
  constructor(
    readonly streamId: string,
    readonly now: Date,
  ) {
    super();
  }
}

interface MailRecipient {
  email_sealed: string | null;
  email_confirmed: boolean | null;
  account_deleted: boolean;
}

/**
 * Each kind of delivery is recorded per follower in the transaction that holds the follower's row
 * while it goes out, so a try that fails part-way leaves the next try only what did not go out.
 */
@CommandHandler(NotifyFollowersCommand)
export class NotifyFollowersHandler implements ICommandHandler<NotifyFollowersCommand> {
  private readonly logger = new Logger('NotifyFollowers');

  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
    @Inject(MAIL_DELIVERY) private readonly mail: MailDelivery,
    /** The connection frames are published on (commands, not a subscriber). */
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PUBLIC_WEB_URL) private readonly webBaseUrl: string,
  ) {}

  async execute({ streamId, now }: NotifyFollowersCommand): Promise<GoLiveOutcome> {
    const { state } = await this.streams.load<Stream, StreamEvent>(streamStreamName(streamId), streamDecider);
    if (state.status === 'ended') return { streamId, outcome: 'stream_ended' };
    if (state.status === 'not_started') return { streamId, outcome: 'stream_unknown' };
    const facts: GoLiveFacts = {
      streamId,
      channel: state.started.channelUsername,
      title: state.info.title,
      category: state.info.category,
      webBaseUrl: this.webBaseUrl,
    };
    const channelId = state.started.channelId;
    const claimed = await claimFollowers(this.readModels.entityManager(), { channelId, streamId, now });
    let mailsSent = 0;
    let framesPublished = 0;
    for (const follower of claimed) {
      if (follower.mailOutcome === null && (await this.mailOnce(channelId, follower, facts)) === 'sent') mailsSent++;
      if (!follower.framePublished && (await this.publishOnce(channelId, follower, facts))) framesPublished++;
    }
    this.logger.log({ event: 'GoLive.Notify.Done', streamId, followers: claimed.length, mailsSent, framesPublished });
    return { streamId, outcome: 'notified', followers: claimed.length, mailsSent, framesPublished };
  }

  /** The mail's outcome, or null when another try had already settled it. */
  private mailOnce(channelId: string, follower: ClaimedFollower, facts: GoLiveFacts): Promise<MailOutcome | null> {
    return this.readModels.entityManager().transactional(async (em) => {
      const [row] = await em.execute<MailRecipient[]>(
        `SELECT a.email_sealed, a.email_confirmed, a.deleted_at IS NOT NULL AS account_deleted
         FROM go_live_notifications n LEFT JOIN accounts a ON a.user_id = n.follower_id
         WHERE n.channel_id = ? AND n.follower_id = ? AND n.stream_id = ? AND n.mail_outcome IS NULL
         FOR UPDATE OF n`,
        [channelId, follower.followerId, facts.streamId],
      );
      if (!row) return null;
      // The address is opened only now, and no longer opens once the account is erased.
      const to = row.account_deleted || row.email_sealed === null ? null : await this.vault.open(row.email_sealed);
      const outcome: MailOutcome = to === null ? 'skipped_account_deleted' : row.email_confirmed ? 'sent' : 'skipped_email_unconfirmed';
      if (outcome === 'sent') await this.mail.send(goLiveMail(facts, { followerId: follower.followerId, to: to as string }));
      await em.execute('UPDATE go_live_notifications SET mail_outcome = ? WHERE channel_id = ? AND follower_id = ?', [outcome, channelId, follower.followerId], 'run');
      return outcome;
    });
  }

  /** True when this try published the frame. */
  private publishOnce(channelId: string, follower: ClaimedFollower, facts: GoLiveFacts): Promise<boolean> {
    return this.readModels.entityManager().transactional(async (em) => {
      const [row] = await em.execute(
        'SELECT 1 FROM go_live_notifications WHERE channel_id = ? AND follower_id = ? AND stream_id = ? AND NOT frame_published FOR UPDATE',
        [channelId, follower.followerId, facts.streamId],
      );
      if (!row) return false;
      await this.redis.publish(notificationsTopic(follower.followerId), JSON.stringify(goLiveFrame(facts)));
      await em.execute('UPDATE go_live_notifications SET frame_published = true WHERE channel_id = ? AND follower_id = ?', [channelId, follower.followerId], 'run');
      return true;
    });
  }
}
