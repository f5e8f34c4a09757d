import 'reflect-metadata';
import { ReportedByNest, startPlatform } from './platform-app';
import { StartupFailure } from './startup-failure';

async function main(): Promise<void> {
  const { app, config, logger } = await startPlatform();
  // On a signal Nest stops the modules in order (see each module's shutdown hook), then exits 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP'], { useProcessExit: true });
  logger.log(`Glint is listening on http://127.0.0.1:${config.port} (GET /health)`, 'Platform');
  process.once('exit', (code) => logger.log(`Glint stopped (exit code ${code})`, 'Platform'));
}

main().catch((error: unknown) => {
  if (error instanceof StartupFailure) console.error(error.message);
  else if (!(error instanceof ReportedByNest)) console.error(error);
  process.exit(1);
});
