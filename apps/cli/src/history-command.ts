import { MAX_PAGE_SIZE } from '@glint/api';
import type { OperatorPrincipal } from '@glint/access';
import { commandContext, systemActor } from '@glint/event-sourcing';
import type { Actor } from '@glint/eventstore';
import { LookUpAccountsQuery } from '@glint/identity';
import { ViewAccountHistoryCommand, ViewAccountStateCommand } from '@glint/support';
import type { CliBuses } from './cli-application';
import { writeTable, type CliOutput, type CommandLineProblem } from './cli-output';

export const HISTORY_USAGE = `  npm run cli -- history <username> --reason <text> [--type <EventType>]... [--limit N]
                                               an account's events, newest first; the look is recorded with its reason
  npm run cli -- history <username> --reason <text> --as-of <ISO time>
                                               the account as it stood then, rebuilt from the log (also recorded)
`;

const DEFAULT_LIMIT = 50;
const CLI: OperatorPrincipal = { kind: 'operator', id: 'cli' };

export interface HistoryArguments {
  username: string;
  reason: string;
  types: string[];
  limit: number;
  asOf: string | null;
}

/**
 * `history <username> [--as-of <time>]`: what support sees of an account, on the command line, by
 * the same commands support sends through the API: its events, or with --as-of the account as it
 * stood then. The look is recorded (actor system/cli) with its reason before anything is printed.
 * Exit codes: 0 shown, 1 no such account, 2 the command line is wrong.
 */
export async function historyCommand(parsed: HistoryArguments, { commands, queries }: CliBuses, output: CliOutput): Promise<number> {
  const [account] = await queries.execute(new LookUpAccountsQuery({ usernames: [parsed.username] }));
  if (!account) {
    output.stderr.write(`No account is named "${parsed.username}".\n`);
    return 1;
  }
  const context = commandContext(systemActor(CLI.id));
  if (parsed.asOf !== null) {
    const state = await commands.execute(new ViewAccountStateCommand(CLI, account.userId, { reason: parsed.reason, asOf: parsed.asOf }, context));
    output.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
    return 0;
  }
  const page = await commands.execute(new ViewAccountHistoryCommand(CLI, account.userId, { reason: parsed.reason, types: parsed.types, limit: parsed.limit }, context));
  const actors = await actorNames(queries, page.items.map((entry) => entry.actor));
  const rows = page.items.map((entry) => [entry.occurredAt.toISOString(), entry.type, entry.streamName, actorLabel(entry.actor, actors), entry.correlationId]);
  writeTable(output.stdout, [['time', 'type', 'stream', 'actor', 'correlation id'], ...rows]);
  if (page.nextCursor !== null) output.stderr.write(`Older events of ${account.username} are not shown: raise --limit (at most ${MAX_PAGE_SIZE}).\n`);
  return 0;
}

export function parseHistoryArguments(args: string[]): HistoryArguments | CommandLineProblem {
  const positional: string[] = [];
  const types: string[] = [];
  let reason: string | undefined;
  let asOf: string | null = null;
  let limit: number = DEFAULT_LIMIT;
  const problem = (text: string): CommandLineProblem => ({ problem: text, usage: HISTORY_USAGE });
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg !== '--reason' && arg !== '--type' && arg !== '--limit' && arg !== '--as-of') {
      if (arg.startsWith('--')) return problem(`Unknown option ${arg}.`);
      positional.push(arg);
      continue;
    }
    const value = args[++index];
    if (value === undefined) return problem(`${arg} needs a value.`);
    if (arg === '--reason') reason = value;
    else if (arg === '--as-of') asOf = value;
    else if (arg === '--type') types.push(...value.split(',').map((type) => type.trim()).filter((type) => type !== ''));
    else {
      limit = Number(value);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) return problem(`--limit must be a whole number from 1 to ${MAX_PAGE_SIZE} (got "${value}").`);
    }
  }
  if (positional.length !== 1) return problem('Name one account: history <username>.');
  if (reason === undefined) return problem('Say why you look at this account: --reason "<text>" is required and is recorded.');
  if (asOf !== null && (types.length > 0 || limit !== DEFAULT_LIMIT)) return problem('--as-of shows the whole account at that moment: leave out --type and --limit.');
  return { username: positional[0], reason, types, limit, asOf };
}

async function actorNames(queries: CliBuses['queries'], actors: Actor[]): Promise<Map<string, string>> {
  const userIds = actors.flatMap((actor) => (actor.type === 'user' ? [actor.userId] : []));
  const accounts = await queries.execute(new LookUpAccountsQuery({ userIds }));
  return new Map(accounts.map((account) => [account.userId, account.username]));
}

function actorLabel(actor: Actor, names: Map<string, string>): string {
  if (actor.type === 'user') return `${names.get(actor.userId) ?? actor.userId} (${actor.role})`;
  return actor.id ? `${actor.type}/${actor.id}` : actor.type;
}
