import { IsString, Matches } from 'class-validator';

export const LIVE_TOPIC = /^(channels|channel:[A-Za-z0-9_]{1,64})$/;

export class TopicFrame {
  /** `channels` for every channel, or `channel:<username>` for one. */
  @IsString()
  @Matches(LIVE_TOPIC, { message: 'topic must be "channels" or "channel:<username>"' })
  topic!: string;
}
