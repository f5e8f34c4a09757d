import type { EntityManager } from '@mikro-orm/postgresql';

/** At most one notification per channel per follower in this long. */
export const NOTIFY_AT_MOST_EVERY = '1 hour';

export type MailOutcome = 'sent' | 'skipped_account_deleted' | 'skipped_email_unconfirmed';

/** A follower claimed for a stream, with what has already gone out to them. */
export interface ClaimedFollower {
  followerId: string;
  mailOutcome: MailOutcome | null;
  framePublished: boolean;
}

/**
 * Claims, in one statement, every follower of the channel who wants live notifications for this
 * stream: a follower never notified by the channel gets a row; one notified over an hour ago by an
 * earlier stream has the row taken over; one notified within the hour (or exactly an hour ago) keeps the row as it is.
 * The same stream never takes its own row over, however late a retry runs. Returns the followers
 * the stream holds, including those an earlier try of the job claimed, with what they already got.
 */
export async function claimFollowers(em: EntityManager, claim: { channelId: string; streamId: string; now: Date }): Promise<ClaimedFollower[]> {
  await em.execute(
    `INSERT INTO go_live_notifications (channel_id, follower_id, stream_id, sent_at)
     SELECT f.channel_id, f.follower_id, ?, ?
     FROM follows f
     WHERE f.channel_id = ? AND f.live_notifications AND NOT f.follower_deleted AND NOT f.channel_deleted
     ON CONFLICT (channel_id, follower_id) DO UPDATE
       SET stream_id = excluded.stream_id, sent_at = excluded.sent_at, mail_outcome = NULL, frame_published = false
       WHERE go_live_notifications.stream_id <> excluded.stream_id
         AND go_live_notifications.sent_at < excluded.sent_at - interval '${NOTIFY_AT_MOST_EVERY}'`,
    [claim.streamId, claim.now, claim.channelId],
    'run',
  );
  const rows = await em.execute<Array<{ follower_id: string; mail_outcome: MailOutcome | null; frame_published: boolean }>>(
    'SELECT follower_id, mail_outcome, frame_published FROM go_live_notifications WHERE channel_id = ? AND stream_id = ? ORDER BY follower_id',
    [claim.channelId, claim.streamId],
  );
  return rows.map((row) => ({ followerId: row.follower_id, mailOutcome: row.mail_outcome, framePublished: row.frame_published }));
}
