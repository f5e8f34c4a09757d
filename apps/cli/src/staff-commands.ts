import { STAFF_ROLES } from '@glint/access';
import { DomainError } from '@glint/domain-errors';
import { EventSourcedStreams, commandContext, systemActor } from '@glint/event-sourcing';
import { GrantStaffRoleAsPlatformCommand, GrantStaffRoleAsPlatformHandler } from '@glint/identity';
import { readCliEnvironmentOrExplain } from './cli-environment';
import type { CliOutput } from './cli-output';

export const STAFF_USAGE = `Usage:
  npm run cli -- staff grant <username> <${STAFF_ROLES.join('|')}>    give a registered user a staff role (how the first admin is made)

Environment: as for the other commands (DATABASE_URL, EVENT_STORE, EVENTSTORE_URL).
`;

/**
 * `staff grant <username> <role>`: the platform itself grants the role, recorded with the `system`
 * actor, since before the first admin there is nobody who could. A running platform picks it up
 * from the log like any other event.
 */
export async function staffCommand(args: string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<number> {
  const [command, username, role, ...rest] = args;
  if (command !== 'grant' || !username || !role || rest.length > 0) {
    output.stderr.write(STAFF_USAGE);
    return 2;
  }
  if (!(STAFF_ROLES as readonly string[]).includes(role)) {
    output.stderr.write(`"${role}" is not a staff role: use one of ${STAFF_ROLES.join(', ')}.\n`);
    return 2;
  }
  const environment = readCliEnvironmentOrExplain(env, output.stderr);
  if (!environment) return 2;
  const store = environment.createStore();
  try {
    const granted = await new GrantStaffRoleAsPlatformHandler(new EventSourcedStreams(store)).execute(new GrantStaffRoleAsPlatformCommand(username, role, commandContext(systemActor('cli'))));
    output.stdout.write(`${username} (${granted.userId}) ${granted.position === null ? 'was' : 'is now'} ${role}.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    output.stderr.write(`${error.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
