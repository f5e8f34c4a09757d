import type { UserPrincipal } from '@glint/access';
import { openCliApplication } from '@glint/cli-app';
import { commandContext, systemActor } from '@glint/event-sourcing';
import { DeleteAccountCommand, RegisterUserCommand, type Registration } from '@glint/identity';

/**
 * A process of its own for the crash tests: one identity command, run by the platform's own
 * handlers in the CLI's application on DATABASE_URL. It says `running` once it is about to send
 * the command; the test kills it (SIGKILL) while the command is half done.
 *
 *   identity-command-process.ts register '{"username":…,"email":…,"password":…}'
 *   identity-command-process.ts delete '{"principal":{…},"password":…}'
 */
async function main(): Promise<void> {
  const [command, input] = process.argv.slice(2);
  const application = await openCliApplication(process.env);
  const context = commandContext(systemActor('crash-test'));
  process.stdout.write('running\n');
  if (command === 'register') {
    await application.commands.execute(new RegisterUserCommand(JSON.parse(input) as Registration, context));
  } else if (command === 'delete') {
    const { principal, password } = JSON.parse(input) as { principal: UserPrincipal; password: string };
    await application.commands.execute(new DeleteAccountCommand({ ...principal, accountCreatedAt: new Date(principal.accountCreatedAt) }, password, null, context));
  } else {
    throw new Error(`Unknown command "${command}": register or delete.`);
  }
  process.stdout.write('done\n');
  await application.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
