import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError } from '@glint/domain-errors';
import { findAccountByUsername, type AccountFacts } from '@glint/identity';

/**
 * The account a moderator appointment is about. A deleted account is still found: its appointment
 * can be removed, and the decider refuses to appoint it.
 */
export async function readModeratorAccount(em: EntityManager, username: string): Promise<AccountFacts> {
  const account = await findAccountByUsername(em, username);
  if (!account) throw new NotFoundError('user_not_found', `There is no user named "${username}".`);
  return account;
}
