import { IsString, Matches } from 'class-validator';

export const LIVE_TOPIC = /^(channels|streams|notifications|channel:[A-Za-z0-9_]{1,64})$/;

export class TopicFrame {
  /**
   * `channels` for every channel, `channel:<username>` for one, `streams` for the live listing,
   * `notifications` for the signed-in user's own.
   */
  @IsString()
  @Matches(LIVE_TOPIC, { message: 'topic must be "channels", "channel:<username>", "streams" or "notifications"' })
  topic!: string;
}
