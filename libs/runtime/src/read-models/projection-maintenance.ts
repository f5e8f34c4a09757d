import { Inject } from '@nestjs/common';
import { Command, CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ProjectionEngine, ProjectionLag, RebuildProgress, RebuildResult } from '@glint/projection-engine';
import { PROJECTION_ENGINE } from './projection-engine.token';

/**
 * Replays the whole log, read once, into fresh tables of the named read models (every one when
 * none is named) while the live ones serve, then swaps them in (an operator's command:
 * `npm run cli -- projections rebuild <name>|--all`).
 */
export class RebuildProjectionCommand extends Command<RebuildResult> {
  constructor(
    readonly names: readonly string[] | 'all',
    readonly onProgress?: (progress: RebuildProgress) => void,
  ) {
    super();
  }
}

@CommandHandler(RebuildProjectionCommand)
export class RebuildProjectionHandler implements ICommandHandler<RebuildProjectionCommand> {
  constructor(@Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine) {}

  execute({ names, onProgress }: RebuildProjectionCommand): Promise<RebuildResult> {
    return this.engine.rebuild(names === 'all' ? undefined : names, onProgress);
  }
}

/** Each read model's (and reactor's) checkpoint and how far it trails the log. */
export class ProjectionLagQuery extends Query<ProjectionLag[]> {}

@QueryHandler(ProjectionLagQuery)
export class ProjectionLagHandler implements IQueryHandler<ProjectionLagQuery> {
  constructor(@Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine) {}

  execute(): Promise<ProjectionLag[]> {
    return this.engine.lag();
  }
}
