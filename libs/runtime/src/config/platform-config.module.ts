import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { parsePlatformConfig, type PlatformConfig } from './platform-config';

export const PLATFORM_CONFIG = Symbol('PlatformConfig');
const CONFIG_KEY = 'platform';

export interface LoadedPlatformConfig {
  config: PlatformConfig;
  /** Import it into the app module: it carries the same validated config into Nest. */
  module: DynamicModule;
}

/**
 * Validates the environment (process variables over `.env`) through @nestjs/config, once, before
 * anything starts: the start sequence needs the values before Nest builds a single provider.
 * `overrides` win over both (tests start platforms side by side in one process this way).
 */
export async function loadPlatformConfig(overrides: Record<string, string> = {}): Promise<LoadedPlatformConfig> {
  let config: PlatformConfig | undefined;
  const configModule = await ConfigModule.forRoot({
    isGlobal: true,
    cache: true,
    validate: (env) => {
      config = parsePlatformConfig({ ...env, ...overrides });
      return { [CONFIG_KEY]: config };
    },
  });
  if (!config) throw new Error('@nestjs/config did not run the platform configuration check.');
  return { config, module: { module: PlatformConfigModule, imports: [configModule], global: true } };
}

/** Provides the typed `PlatformConfig` under `PLATFORM_CONFIG`; build it with `loadPlatformConfig()`. */
@Global()
@Module({
  providers: [
    {
      provide: PLATFORM_CONFIG,
      useFactory: (config: ConfigService) => config.getOrThrow<PlatformConfig>(CONFIG_KEY),
      inject: [ConfigService],
    },
  ],
  exports: [PLATFORM_CONFIG],
})
export class PlatformConfigModule {}
