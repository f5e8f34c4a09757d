import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import { unreachable, type CommandContext, type EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { chatStandingDecider, type ChatStanding, type ChatStandingCommand } from '../chat-standing-decider';
import { chatStandingStream } from '../events';
import { authorityIn, moderatedChannel, namedUser, type ModeratedChannel, type ModeratedUser } from '../queries/moderation-parties';
import { timeoutDurationSeconds, type TimeoutPreset } from '../timeout-duration';

/** What a moderator asks to change about a user's standing in a channel's chat. */
export type StandingChange =
  | { type: 'TimeOutUser'; durationSeconds?: number; preset?: TimeoutPreset; reason?: string }
  | { type: 'LiftTimeout' }
  | { type: 'BanUser'; reason?: string }
  | { type: 'UnbanUser' };

export interface ChangedStanding {
  channel: ModeratedChannel;
  target: ModeratedUser;
  standing: ChatStanding;
}

/** The owner, staff or a moderator with the permission it needs times a chatter out or bans them, or lifts either. */
export class ChangeChatStandingCommand extends Command<ChangedStanding> {
  constructor(
    readonly principal: Principal,
    readonly channelUsername: string,
    readonly targetUsername: string,
    readonly change: StandingChange,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeChatStandingCommand)
export class ChangeChatStandingHandler implements ICommandHandler<ChangeChatStandingCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, channelUsername, targetUsername, change, context }: ChangeChatStandingCommand): Promise<ChangedStanding> {
    const moderator = requireUser(principal);
    const em = this.readModels.entityManager();
    const channel = await moderatedChannel(em, channelUsername);
    const target = await namedUser(em, targetUsername, 'user');
    const scene: StandingScene = {
      channelId: channel.channelId,
      ownerId: channel.ownerId,
      targetUserId: target.userId,
      moderatorId: moderator.userId,
      authority: await authorityIn(em, moderator, channel),
      now: context.now,
    };
    // Chat judges the chatter's very next message on the new standing, and the moderator reads the log next.
    const handled = await this.streams.handle(chatStandingStream(channel.channelId, target.userId), chatStandingDecider, standingCommand(change, scene), context, { readYourWrites: true });
    return { channel, target, standing: handled.state };
  }
}

type StandingScene = Omit<ChatStandingCommand, 'type' | 'durationSeconds' | 'reason'>;

function standingCommand(change: StandingChange, scene: StandingScene): ChatStandingCommand {
  switch (change.type) {
    case 'TimeOutUser':
      return { ...scene, type: change.type, durationSeconds: timeoutDurationSeconds(change), reason: reasonOf(change.reason) };
    case 'BanUser':
      return { ...scene, type: change.type, reason: reasonOf(change.reason) };
    case 'LiftTimeout':
    case 'UnbanUser':
      return { ...scene, type: change.type };
    default:
      return unreachable(change);
  }
}

function reasonOf(reason: string | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
