import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page, PageRequest } from '@glint/api';
import { ModerationLogRow } from './entities';
import { readNewestFirst } from '../newest-first';

/** One page of a channel's moderation log, newest first. */
export function readModerationLog(em: EntityManager, channelId: string, request: PageRequest = {}): Promise<Page<ModerationLogRow>> {
  return readNewestFirst(em, ModerationLogRow, { channelId }, request);
}
