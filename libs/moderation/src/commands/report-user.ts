import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { reportStream, type ReportPlace, type ReportReason } from '../events';
import { moderatedChannel, namedUser } from '../queries/moderation-parties';
import { reportDecider } from '../report-decider';

export const REPORT_NOTES_MAX_LENGTH = 2000;

export interface UserReport {
  /** The reported user's username. */
  target: string;
  where: ReportPlace;
  why: ReportReason;
  notes?: string;
  /** The username of the channel where it happened, when it happened in one. */
  channel?: string;
}

/** A signed-in user reports another to platform staff. */
export class ReportUserCommand extends Command<{ reportId: string }> {
  constructor(
    readonly principal: Principal,
    readonly report: UserReport,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ReportUserCommand)
export class ReportUserHandler implements ICommandHandler<ReportUserCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ principal, report, context }: ReportUserCommand): Promise<{ reportId: string }> {
    const reporter = requireUser(principal);
    const em = this.readModels.entityManager();
    const target = await namedUser(em, report.target, 'target');
    const channel = report.channel === undefined ? null : await moderatedChannel(em, report.channel, 'channel');
    const notes = report.notes?.trim() ?? '';
    const reportId = randomUUID();
    await this.streams.handle(
      reportStream(reportId),
      reportDecider,
      {
        type: 'ReportUser',
        reportId,
        reporterId: reporter.userId,
        targetUserId: target.userId,
        where: report.where,
        why: report.why,
        // The reporter's words may name people: erasing the reporter's account must erase them too.
        sealedNotes: notes === '' ? null : await this.vault.seal(reporter.userId, notes),
        channelId: channel?.channelId ?? null,
      },
      context,
      { readYourWrites: true },
    );
    return { reportId };
  }
}
