import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DomainError } from '@glint/domain-errors';
import { InvalidConfiguration, JsonLogger, openRuntimeResources, StartupFailure } from '@glint/runtime';
import { CliModule } from './cli.module';
import type { CliOutput } from './cli-output';

/** The buses of the CLI's Nest application: every command of the CLI goes through them. */
export interface CliBuses {
  commands: CommandBus;
  queries: QueryBus;
}

export interface CliApplication extends CliBuses {
  close(): Promise<void>;
}

/**
 * The platform's own modules in an application context (no HTTP), on the platform's database: the
 * same variables parsed by the same code, with DATABASE_URL unset meaning the embedded PostgreSQL of
 * a running `npm start`. Only errors are logged: what a command prints is its answer.
 */
export async function openCliApplication(env: NodeJS.ProcessEnv): Promise<CliApplication> {
  const logger = new JsonLogger('error');
  const resources = await openRuntimeResources({ overrides: definedValues(env), redis: false, embeddedDatabase: 'attach', logger });
  const app = await NestFactory.createApplicationContext(CliModule.register(resources), { logger, abortOnError: false });
  return { commands: app.get(CommandBus), queries: app.get(QueryBus), close: () => app.close() };
}

/**
 * Runs `work` in the CLI's application and closes it, however it ends. Exit codes: what `work`
 * answers; 2 when the environment is unusable (each variable named) or a refusal is about the
 * command line's input; 1 for any other refusal.
 */
export async function withCliApplication(env: NodeJS.ProcessEnv, output: CliOutput, work: (buses: CliBuses) => Promise<number>): Promise<number> {
  let application: CliApplication;
  try {
    application = await openCliApplication(env);
  } catch (error) {
    if (error instanceof InvalidConfiguration) output.stderr.write(error.problems.map((problem) => `${problem}.\n`).join(''));
    else if (error instanceof StartupFailure) output.stderr.write(`${error.message}\n`);
    else throw error;
    return 2;
  }
  try {
    return await work(application);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    output.stderr.write(`${error.message}\n`);
    return error.kind === 'validation' ? 2 : 1;
  } finally {
    await application.close();
  }
}

/** The environment as overrides: a variable set to nothing counts as unset, as in a shell. */
function definedValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
