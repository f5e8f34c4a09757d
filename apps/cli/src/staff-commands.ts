import { STAFF_ROLES } from '@glint/access';
import { commandContext, systemActor } from '@glint/event-sourcing';
import { GrantStaffRoleAsPlatformCommand } from '@glint/identity';
import type { CliBuses } from './cli-application';
import type { CliOutput, CommandLineProblem } from './cli-output';

export const STAFF_USAGE = `  npm run cli -- staff grant <username> <${STAFF_ROLES.join('|')}>
                                               give a registered user a staff role (how the first admin is made)
`;

export type StaffArguments = { username: string; role: string };

/** The arguments of `staff …`, or what is wrong with them (see `CommandLineProblem`). */
export function parseStaffArguments(args: string[]): StaffArguments | CommandLineProblem {
  const [command, username, role, ...rest] = args;
  if (command !== 'grant' || !username || !role || rest.length > 0) return { problem: 'Name a user and a role: staff grant <username> <role>.', usage: STAFF_USAGE };
  if (!(STAFF_ROLES as readonly string[]).includes(role)) return { problem: `"${role}" is not a staff role: use one of ${STAFF_ROLES.join(', ')}.` };
  return { username, role };
}

/**
 * `staff grant <username> <role>`: the platform itself grants the role, recorded with the `system`
 * actor, since before the first admin there is nobody who could. A running platform picks it up
 * from the log like any other event.
 */
export async function staffCommand({ username, role }: StaffArguments, { commands }: CliBuses, output: CliOutput): Promise<number> {
  const granted = await commands.execute(new GrantStaffRoleAsPlatformCommand(username, role, commandContext(systemActor('cli'))));
  output.stdout.write(`${username} (${granted.userId}) ${granted.position === null ? 'was' : 'is now'} ${role}.\n`);
  return 0;
}
