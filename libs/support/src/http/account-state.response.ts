import { ApiProperty } from '@nestjs/swagger';
import type { AccountState } from '../account-state/account-state';

/** The account as it stood at `asOf`, rebuilt from the log (see `AccountState`). */
export class AccountStateResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: Object, nullable: true, description: 'username, email (null once erased; `{ "unreadable": true }` when its sealed value in the log is damaged), emailConfirmed, staffRole, twoFactorEnabled, global ban and streaming suspension, deleted' })
  profile!: AccountState['profile'];
  @ApiProperty({ type: Object, nullable: true, description: 'The channel settings and its moderators, or null when the account had no channel' })
  channel!: AccountState['channel'];
  @ApiProperty({ type: Object, isArray: true, description: 'Channels followed: channelId, liveNotifications' })
  follows!: AccountState['follows'];
  @ApiProperty({ type: Object, isArray: true, description: 'Channels where the account was banned or timed out' })
  moderationStanding!: AccountState['moderationStanding'];
  @ApiProperty({ type: Object, isArray: true, description: 'Channels the account moderated, with its permissions' })
  moderates!: AccountState['moderates'];
  @ApiProperty({ type: Object, description: "The channel's broadcasts started by then, newest first (streamId, title, category, startedAt, endedAt, endReason), and whether it was live" })
  broadcasts!: AccountState['broadcasts'];
}
