import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@glint/api';
import { DomainError } from '@glint/domain-errors';
import { EventSourcedStreams, commandContext, systemActor } from '@glint/event-sourcing';
import type { Actor, EventStore } from '@glint/eventstore';
import { findAccountByUsername, readAccountFacts } from '@glint/identity';
import type { ProjectionEngine } from '@glint/projection-engine';
import { readAccountHistory } from '@glint/projections';
import { PersonalDataVault } from '@glint/personal-data';
import { decideAccountView, replayAccountState, supportAccessStreamName } from '@glint/support';
import type { EntityManager } from '@mikro-orm/postgresql';
import { withEngine } from './cli-engine';
import { embeddedDatabaseNotAnswering, readCliEnvironmentOrExplain, type CliEnvironment } from './cli-environment';
import { writeTable, type CliOutput } from './cli-output';

export const HISTORY_USAGE = `  npm run cli -- history <username> --reason <text> [--type <EventType>]... [--limit N]
                                               an account's events, newest first; the look is recorded with its reason
  npm run cli -- history <username> --reason <text> --as-of <ISO time>
                                               the account as it stood then, rebuilt from the log (also recorded)
`;

interface HistoryArguments {
  username: string;
  reason: string;
  types: string[];
  limit: number;
  asOf: string | null;
}

/**
 * `history <username> [--as-of <time>]`: what support sees of an account, on the command line: its
 * events, or with --as-of the account as it stood then. Like a look through
 * the API, it is recorded (actor system/cli) with its reason before anything is printed.
 * Exit codes: 0 shown, 1 no such account, 2 the command line or the environment is wrong.
 */
export async function historyCommand(args: string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<number> {
  const parsed = parseHistoryArguments(args);
  if (typeof parsed === 'string') {
    output.stderr.write(`${parsed}\nUsage:\n${HISTORY_USAGE}`);
    return 2;
  }
  const environment = readCliEnvironmentOrExplain(env, output.stderr);
  if (!environment) return 2;
  return withEngine(environment, output, async (engine, store) => {
    try {
      return await showAccount(parsed, environment, engine, store, output);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      output.stderr.write(`${error.message}\n`);
      return 2;
    }
  });
}

/** Records the look, then prints the account's events, or the account as it stood at --as-of. */
async function showAccount(parsed: HistoryArguments, environment: CliEnvironment, engine: ProjectionEngine, store: EventStore, output: CliOutput): Promise<number> {
  let head: number;
  try {
    head = await store.headPosition();
  } catch (error) {
    if (!environment.embedded || (error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error;
    output.stderr.write(`${embeddedDatabaseNotAnswering(environment.databaseUrl)}\n`);
    return 2;
  }
  // Without a running platform the read models may trail the log: bring the two this reads up to now.
  await engine.catchUp('accounts', head);
  await engine.catchUp('account_history', head);
  const em = engine.entityManager();
  const account = await findAccountByUsername(em, parsed.username);
  if (!account) {
    output.stderr.write(`No account is named "${parsed.username}".\n`);
    return 1;
  }
  if (parsed.asOf !== null) {
    const now = new Date();
    const [viewed] = decideAccountView({ staffUserId: null, subjectUserId: account.userId, subjectExists: true, view: 'state', asOf: parsed.asOf, reason: parsed.reason, now });
    const streams = new EventSourcedStreams(store);
    await streams.append(supportAccessStreamName(null), [viewed], commandContext(systemActor('cli'), { now }));
    const asOf = viewed.data.view === 'state' ? new Date(viewed.data.asOf) : now;
    const vault = new PersonalDataVault({ connectionString: environment.databaseUrl, poolSize: 1 });
    try {
      output.stdout.write(`${JSON.stringify(await replayAccountState({ em, streams, vault }, account.userId, asOf), null, 2)}\n`);
    } finally {
      await vault.close();
    }
    return 0;
  }
  const filters = { types: parsed.types, from: null, to: null, before: null, limit: parsed.limit };
  const viewed = decideAccountView({ staffUserId: null, subjectUserId: account.userId, subjectExists: true, view: 'history', reason: parsed.reason, filters, now: new Date() });
  await new EventSourcedStreams(store).append(supportAccessStreamName(null), viewed, commandContext(systemActor('cli')));

  const page = await readAccountHistory(em, account.userId, { before: head + 1, limit: parsed.limit, types: parsed.types });
  const actors = await actorNames(em, page.entries.map((entry) => entry.actor));
  const rows = page.entries.map((entry) => [entry.occurredAt.toISOString(), entry.eventType, entry.streamName, actorLabel(entry.actor, actors), entry.correlationId]);
  writeTable(output.stdout, [['time', 'type', 'stream', 'actor', 'correlation id'], ...rows]);
  if (page.nextBefore !== null) output.stderr.write(`Older events of ${account.username} are not shown: raise --limit (at most ${MAX_PAGE_SIZE}).\n`);
  return 0;
}

function parseHistoryArguments(args: string[]): HistoryArguments | string {
  const positional: string[] = [];
  const types: string[] = [];
  let reason: string | undefined;
  let asOf: string | null = null;
  let limit: number = DEFAULT_PAGE_SIZE;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg !== '--reason' && arg !== '--type' && arg !== '--limit' && arg !== '--as-of') {
      if (arg.startsWith('--')) return `Unknown option ${arg}.`;
      positional.push(arg);
      continue;
    }
    const value = args[++index];
    if (value === undefined) return `${arg} needs a value.`;
    if (arg === '--reason') reason = value;
    else if (arg === '--as-of') asOf = value;
    else if (arg === '--type') types.push(...value.split(',').map((type) => type.trim()).filter((type) => type !== ''));
    else {
      limit = Number(value);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) return `--limit must be a whole number from 1 to ${MAX_PAGE_SIZE} (got "${value}").`;
    }
  }
  if (positional.length !== 1) return 'Name one account: history <username>.';
  if (reason === undefined) return 'Say why you look at this account: --reason "<text>" is required and is recorded.';
  if (asOf !== null && (types.length > 0 || limit !== DEFAULT_PAGE_SIZE)) return '--as-of shows the whole account at that moment: leave out --type and --limit.';
  return { username: positional[0], reason, types, limit, asOf };
}

async function actorNames(em: EntityManager, actors: Actor[]): Promise<Map<string, string>> {
  const userIds = [...new Set(actors.flatMap((actor) => (actor.type === 'user' ? [actor.userId] : [])))];
  const facts = await Promise.all(userIds.map((userId) => readAccountFacts(em, userId)));
  return new Map(facts.flatMap((fact) => (fact ? [[fact.userId, fact.username] as const] : [])));
}

function actorLabel(actor: Actor, names: Map<string, string>): string {
  if (actor.type === 'user') return `${names.get(actor.userId) ?? actor.userId} (${actor.role})`;
  return actor.id ? `${actor.type}/${actor.id}` : actor.type;
}
