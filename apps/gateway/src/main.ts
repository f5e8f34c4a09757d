import 'reflect-metadata';
import { runUntilStopped, startHttpApp, StartupFailure } from '@glint/runtime';
import { GatewayAppModule } from './gateway-app.module';

/**
 * `npm run start:gateway`: one WHIP/WHEP gateway process. It needs the platform's PostgreSQL
 * (DATABASE_URL) and Redis; GATEWAY_ID, GATEWAY_UDP_PORT and GATEWAY_PUBLIC_URL tell it apart
 * from the other gateways.
 */
runUntilStopped(
  async () => {
    if (!process.env.DATABASE_URL) throw new StartupFailure('A gateway started alone needs DATABASE_URL: the PostgreSQL database of the platform it reports to.');
    return startHttpApp({ overrides: { GATEWAY: 'on' }, module: (resources) => GatewayAppModule.register(resources) });
  },
  {
    name: 'Glint gateway',
    logContext: 'Gateway',
    listening: ({ config, url }) =>
      `Glint gateway ${config.gateway.id} is listening on ${url} (WHIP /whip/:channel, WHEP /whep/:channel; media on UDP ${config.gateway.udpPort})`,
  },
);
