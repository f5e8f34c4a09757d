import { Module } from '@nestjs/common';
import { ThrottlesModule } from '@glint/throttles';
import { FollowChannelHandler } from './commands/follow-channel';
import { UnfollowChannelHandler } from './commands/unfollow-channel';
import { FollowsController } from './http/follows.controller';
import { ListFollowersHandler } from './queries/list-followers';
import { ListFollowingHandler } from './queries/list-following';

/** Follows: who follows which channel, and whether its going live notifies them. */
@Module({
  imports: [ThrottlesModule],
  controllers: [FollowsController],
  providers: [FollowChannelHandler, UnfollowChannelHandler, ListFollowersHandler, ListFollowingHandler],
})
export class CommunityModule {}
