import { UnknownProjectionError } from '@glint/projection-engine';
import { projections } from '@glint/projections';
import { withCliApplication, type CliBuses } from './cli-application';
import { isCommandLineProblem, type CliOutput, type CommandLineProblem } from './cli-output';
import { HISTORY_USAGE, historyCommand, parseHistoryArguments } from './history-command';
import { mailListCommand, MAIL_USAGE } from './mail-commands';
import { listCommand, rebuildCommand } from './projections-commands';
import { parseStaffArguments, STAFF_USAGE, staffCommand } from './staff-commands';

export const USAGE = `Usage:
  npm run cli -- projections list              each projection's checkpoint and lag
  npm run cli -- projections rebuild <name>    replay the whole log into fresh tables, then swap them in
  npm run cli -- projections rebuild --all     the same for every projection, from one read of the log
${STAFF_USAGE}${HISTORY_USAGE}${MAIL_USAGE}
Environment: the platform's own (see the README); DATABASE_URL unset means the embedded PostgreSQL of a
running "npm start" (on EMBEDDED_POSTGRES_PORT).
`;

type Run = (buses: CliBuses, output: CliOutput) => Promise<number>;

/**
 * Exit codes: 0 done, 1 the command failed, 2 the command line or the environment is wrong. The
 * command line is checked before anything is opened.
 */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<number> {
  if (args[0] === '--help' || args[0] === 'help') {
    output.stdout.write(USAGE);
    return 0;
  }
  const run = commandOf(args);
  if (isCommandLineProblem(run)) {
    output.stderr.write(`${run.problem}\n${run.usage ? `Usage:\n${run.usage}` : ''}`);
    return 2;
  }
  return withCliApplication(env, output, (buses) => run(buses, output));
}

function commandOf([group, ...args]: string[]): Run | CommandLineProblem {
  switch (group) {
    case 'history': {
      const parsed = parseHistoryArguments(args);
      return isCommandLineProblem(parsed) ? parsed : (buses, output) => historyCommand(parsed, buses, output);
    }
    case 'staff': {
      const parsed = parseStaffArguments(args);
      return isCommandLineProblem(parsed) ? parsed : (buses, output) => staffCommand(parsed, buses, output);
    }
    case 'mail':
      if (args.length === 1 && args[0] === 'list') return mailListCommand;
      return { problem: 'Unknown mail command.', usage: MAIL_USAGE };
    case 'projections': {
      const [command, ...rest] = args;
      if (command === 'list' && rest.length === 0) return listCommand;
      if (command !== 'rebuild' || rest.length !== 1) break;
      if (rest[0] === '--all') return (buses, output) => rebuildCommand('all', buses, output);
      const names = projections.map((projection) => projection.name);
      if (!names.includes(rest[0])) return { problem: new UnknownProjectionError(rest[0], names).message };
      return (buses, output) => rebuildCommand(rest[0], buses, output);
    }
  }
  return { problem: 'Unknown command.', usage: USAGE.replace(/^Usage:\n/, '') };
}
