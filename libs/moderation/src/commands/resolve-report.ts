import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireStaff, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { reportStream, type ReportResolution } from '../events';
import { MODERATING_STAFF_ROLES } from '../moderation-authority';
import { reportDecider } from '../report-decider';

export const RESOLUTION_NOTE_MAX_LENGTH = 2000;

export interface ResolvedReport {
  reportId: string;
  resolution: ReportResolution;
  note: string;
}

/** Staff settle a report as actioned or dismissed, once, saying why in a note. */
export class ResolveReportCommand extends Command<ResolvedReport> {
  constructor(
    readonly principal: Principal,
    readonly reportId: string,
    readonly resolution: { resolution: ReportResolution; note: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ResolveReportCommand)
export class ResolveReportHandler implements ICommandHandler<ResolveReportCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
  ) {}

  async execute({ principal, reportId, resolution, context }: ResolveReportCommand): Promise<ResolvedReport> {
    requireStaff(principal, MODERATING_STAFF_ROLES);
    const note = resolution.note.trim();
    // Staff read the queue and their own audit trail right after resolving.
    await this.streams.handle(reportStream(reportId), reportDecider, { type: 'ResolveReport', reportId, resolution: resolution.resolution, note }, context, { readYourWrites: true });
    return { reportId, resolution: resolution.resolution, note };
  }
}
