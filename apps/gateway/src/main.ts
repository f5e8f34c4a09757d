import 'reflect-metadata';
import { ReportedByNest, startPlatform } from '../../platform/src/platform-app';
import { StartupFailure } from '../../platform/src/startup-failure';
import { GatewayAppModule } from './gateway-app.module';

/**
 * `npm run start:gateway`: one WHIP/WHEP gateway process. It needs the platform's PostgreSQL
 * (DATABASE_URL) and Redis; GATEWAY_ID, GATEWAY_UDP_PORT and GATEWAY_PUBLIC_URL tell it apart
 * from the other gateways.
 */
async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new StartupFailure('A gateway started alone needs DATABASE_URL: the PostgreSQL database of the platform it reports to.');
  const { app, config, logger } = await startPlatform({ GATEWAY: 'on' }, (resources) => GatewayAppModule.register(resources));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP'], { useProcessExit: true });
  logger.log(`Glint gateway ${config.gateway.id} is listening on http://127.0.0.1:${config.port} (WHIP /whip/:channel, WHEP /whep/:channel; media on UDP ${config.gateway.udpPort})`, 'Gateway');
  process.once('exit', (code) => logger.log(`Glint gateway stopped (exit code ${code})`, 'Gateway'));
}

main().catch((error: unknown) => {
  if (error instanceof StartupFailure) console.error(error.message);
  else if (!(error instanceof ReportedByNest)) console.error(error);
  process.exit(1);
});
