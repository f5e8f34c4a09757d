import { ReportedByNest, type StartedHttpApp } from './http-app';
import { StartupFailure } from './startup-failure';

/**
 * Runs a started process until a signal stops it: Nest then stops the modules in order (see each
 * module's shutdown hook) and the process exits 0. A start that fails prints its reason once (a
 * `StartupFailure` as one line a person can act on) and exits 1.
 */
export function runUntilStopped(start: () => Promise<StartedHttpApp>, run: { name: string; logContext: string; listening(started: StartedHttpApp): string }): void {
  start()
    .then((started) => {
      started.app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP'], { useProcessExit: true });
      started.logger.log(run.listening(started), run.logContext);
      process.once('exit', (code) => started.logger.log(`${run.name} stopped (exit code ${code})`, run.logContext));
    })
    .catch((error: unknown) => {
      if (error instanceof StartupFailure) console.error(error.message);
      else if (!(error instanceof ReportedByNest)) console.error(error);
      process.exit(1);
    });
}
