import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { GATEWAY_LOST_AFTER_MS, PLATFORM_DATABASE, type PlatformDatabase } from '@glint/runtime';
import { GatewayLostSweeper } from './gateway-lost-sweeper';

const SWEEP_INTERVAL_MS = 1000;

/**
 * The worker that ends the streams of a gateway that stopped beating. Every platform process runs
 * one and one at a time sweeps (it holds a lock on a session of its own); a gateway run alone does not.
 */
@Module({
  providers: [
    {
      provide: GatewayLostSweeper,
      useFactory: (database: PlatformDatabase, commands: CommandBus, gatewayLostAfterMs: number) => {
        const logger = new Logger('GatewayLostSweeper');
        return new GatewayLostSweeper({ databaseUrl: database.url, commands, gatewayLostAfterMs, intervalMs: SWEEP_INTERVAL_MS, logger: { error: (message) => logger.error(message) } });
      },
      inject: [PLATFORM_DATABASE, CommandBus, GATEWAY_LOST_AFTER_MS],
    },
  ],
})
export class GatewayLostSweeperModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(GatewayLostSweeper) private readonly sweeper: GatewayLostSweeper) {}

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  // Before the projection engine and the store close under a sweep in flight.
  async onModuleDestroy(): Promise<void> {
    await this.sweeper.stop();
  }
}
