import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyStreamKey } from '@glint/channels';
import { READ_MODELS, type ReadModels } from '@glint/runtime';

/**
 * Which channel an encoder may publish: the id of the channel (named by username or id) whose
 * current stream key it presents; null for an unknown or deleted channel, or any other key.
 */
export class VerifyStreamKeyQuery extends Query<string | null> {
  constructor(
    readonly channel: string,
    readonly streamKey: string,
  ) {
    super();
  }
}

@QueryHandler(VerifyStreamKeyQuery)
export class VerifyStreamKeyHandler implements IQueryHandler<VerifyStreamKeyQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute({ channel, streamKey }: VerifyStreamKeyQuery): Promise<string | null> {
    return verifyStreamKey(this.readModels.entityManager(), channel, streamKey);
  }
}
