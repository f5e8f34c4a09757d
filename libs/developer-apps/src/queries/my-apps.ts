import { Inject, Injectable } from '@nestjs/common';
import { requireUser, type Principal } from '@glint/access';
import type { DeveloperAppRow } from '@glint/projections';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { listAppsOfOwner } from './registered-apps';

@Injectable()
export class MyAppsQuery {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute(principal: Principal): Promise<DeveloperAppRow[]> {
    return listAppsOfOwner(this.readModels.entityManager(), requireUser(principal).userId);
  }
}
