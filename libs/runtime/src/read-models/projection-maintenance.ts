import { Inject } from '@nestjs/common';
import { Command, CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ProjectionEngine, ProjectionLag, RebuildProgress, RebuildResult } from '@glint/projection-engine';
import { PROJECTION_ENGINE } from './projection-engine.token';

/**
 * Replays the whole log into fresh tables of one read model while the live ones serve, then swaps
 * them in (an operator's command: `npm run cli -- projections rebuild <name>`).
 */
export class RebuildProjectionCommand extends Command<RebuildResult> {
  constructor(
    readonly name: string,
    readonly onProgress?: (progress: RebuildProgress) => void,
  ) {
    super();
  }
}

@CommandHandler(RebuildProjectionCommand)
export class RebuildProjectionHandler implements ICommandHandler<RebuildProjectionCommand> {
  constructor(@Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine) {}

  execute({ name, onProgress }: RebuildProjectionCommand): Promise<RebuildResult> {
    return this.engine.rebuild(name, onProgress);
  }
}

/** Each read model's checkpoint and how far it trails the log. */
export class ProjectionLagQuery extends Query<ProjectionLag[]> {}

@QueryHandler(ProjectionLagQuery)
export class ProjectionLagHandler implements IQueryHandler<ProjectionLagQuery> {
  constructor(@Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine) {}

  execute(): Promise<ProjectionLag[]> {
    return this.engine.lag();
  }
}
