import { UnknownProjectionError } from '@glint/projection-engine';
import { projections } from '@glint/projections';
import { Client } from 'pg';
import { embeddedDatabaseNotAnswering, readCliEnvironmentOrExplain } from './cli-environment';
import type { CliOutput } from './cli-output';
import { listCommand, rebuildCommand } from './projections-commands';
import { HISTORY_USAGE, historyCommand } from './history-command';
import { staffCommand } from './staff-commands';

export const USAGE = `Usage:
  npm run cli -- projections list              each projection's checkpoint and lag
  npm run cli -- projections rebuild <name>    replay the whole log into fresh tables, then swap them in
${HISTORY_USAGE}
Environment: DATABASE_URL (default: the embedded PostgreSQL of a running "npm start", on EMBEDDED_POSTGRES_PORT),
EVENT_STORE=postgres|eventstoredb (default postgres), EVENTSTORE_URL.
`;

/** Exit codes: 0 done, 1 the command failed, 2 the command line or the environment is wrong. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<number> {
  const [group, command, ...rest] = args;
  if (group === '--help' || group === 'help') {
    output.stdout.write(USAGE);
    return 0;
  }
  if (group === 'history') return historyCommand(args.slice(1), env, output);
  if (group === 'staff') return staffCommand(args.slice(1), env, output);
  const rebuild = group === 'projections' && command === 'rebuild' && rest.length === 1;
  const list = group === 'projections' && command === 'list' && rest.length === 0;
  if (!rebuild && !list) {
    output.stderr.write(USAGE);
    return 2;
  }
  if (rebuild && !projections.some((projection) => projection.name === rest[0])) {
    output.stderr.write(`${new UnknownProjectionError(rest[0], projections.map((projection) => projection.name)).message}\n`);
    return 2;
  }
  const environment = readCliEnvironmentOrExplain(env, output.stderr);
  if (!environment) return 2;
  if (environment.embedded && !(await answers(environment.databaseUrl))) {
    output.stderr.write(`${embeddedDatabaseNotAnswering(environment.databaseUrl)}\n`);
    return 2;
  }
  return rebuild ? rebuildCommand(rest[0], environment, output) : listCommand(environment, output);
}

async function answers(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
