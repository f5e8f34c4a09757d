import { UnknownProjectionError } from '@glint/projection-engine';
import { projections } from '@glint/projections';
import { Client } from 'pg';
import { CliConfigurationError, readCliEnvironment } from './cli-environment';
import { listCommand, rebuildCommand, type CliOutput } from './projections-commands';
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
  try {
    const environment = readCliEnvironment(env);
    if (environment.embedded && !(await answers(environment.databaseUrl))) {
      const { port } = new URL(environment.databaseUrl);
      output.stderr.write(`DATABASE_URL is not set and the embedded PostgreSQL of \`npm start\` does not answer on port ${port} — start the platform with npm start, or set DATABASE_URL.\n`);
      return 2;
    }
    return rebuild ? await rebuildCommand(rest[0], environment, output) : await listCommand(environment, output);
  } catch (error) {
    if (error instanceof CliConfigurationError) {
      output.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
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
